package dev.multilora.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static final double EPS = 1e-9;
    private Engine engine;

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void timingAddsUpFromTheCostModel() throws Exception {
        engine = start(4, 1, 1, new CostModel(0.2, 0.05, 0.1, 0.01, 3, 1));
        engine.loadIntoCpuCache("a");

        SimTiming timing = finish(submit("a", 10, 5));

        assertEquals(LoraSource.CPU, timing.loraSource());
        assertEquals(1, timing.loraLoadMs(), EPS);
        assertEquals(10 * 0.01 + 0.2 + 0.05 + 0.1, timing.prefillMs(), EPS);
        assertEquals(4 * (0.2 + 0.05 + 0.1), timing.decodeMs(), EPS);
        assertEquals(0, timing.queueMs(), EPS);
    }

    @Test
    void secondAdapterWaitsUnderMaxLorasOneButBaseRequestsDoNot() throws Exception {
        engine = new Engine(new EngineConfig(8, 1, 2, 1000, new CostModel(0.01, 0, 0, 0, 0, 0)));
        CompletableFuture<SimTiming> a = submit("a", 1, 20);
        CompletableFuture<SimTiming> b = submit("b", 1, 20);
        CompletableFuture<SimTiming> base = submit(null, 1, 20);
        engine.start();

        SimTiming first = finish(a);
        SimTiming second = finish(b);
        SimTiming baseTiming = finish(base);

        assertEquals(first.finishedAtMs(), second.scheduledAtMs(), EPS);
        assertEquals(first.finishedAtMs(), second.queueMs(), EPS);
        assertEquals(0, baseTiming.queueMs(), EPS);
    }

    @Test
    void residentAdapterPaysNothingAndEvictedOnesReloadInLruOrder() throws Exception {
        engine = start(4, 1, 2, new CostModel(0, 0, 0, 0, 5, 1));
        List.of("a", "b", "c").forEach(engine::loadIntoCpuCache);

        assertEquals(LoraSource.CPU, finish(submit("b", 1, 1)).loraSource());
        assertEquals(LoraSource.RESIDENT, finish(submit("b", 1, 1)).loraSource());
        assertEquals(LoraSource.CPU, finish(submit("c", 1, 1)).loraSource());
        assertEquals(LoraSource.DISK, finish(submit("a", 1, 1)).loraSource());
        SimTiming reloaded = finish(submit("b", 1, 1));
        assertEquals(LoraSource.DISK, reloaded.loraSource());
        assertEquals(5, reloaded.loraLoadMs(), EPS);
        assertEquals(LoraSource.CPU, finish(submit("a", 1, 1)).loraSource());
    }

    @Test
    void timePerOutputTokenGrowsWithTheBatch() throws Exception {
        engine = new Engine(new EngineConfig(8, 1, 1, 1000, new CostModel(0.01, 0.01, 0, 0, 0, 0)));
        List<CompletableFuture<SimTiming>> batch = List.of(
                submit(null, 1, 10), submit(null, 1, 10), submit(null, 1, 10), submit(null, 1, 10));
        engine.start();
        SimTiming inBatch = finish(batch.get(0));
        SimTiming alone = finish(submit(null, 1, 10));

        assertEquals(9 * 0.05, inBatch.decodeMs(), EPS);
        assertEquals(9 * 0.02, alone.decodeMs(), EPS);
    }

    @Test
    void maxNumSeqsLimitsTheBatch() throws Exception {
        engine = new Engine(new EngineConfig(1, 1, 1, 1000, new CostModel(0.01, 0, 0, 0, 0, 0)));
        CompletableFuture<SimTiming> first = submit(null, 1, 5);
        CompletableFuture<SimTiming> second = submit(null, 1, 5);
        engine.start();

        assertEquals(finish(first).finishedAtMs(), finish(second).scheduledAtMs(), EPS);
        assertTrue(engine.metrics().generationTokens() >= 10);
    }

    @Test
    void llamaCppDecodesOneAdapterSetPerStepSoOtherSetsWaitInTheirSlots() throws Exception {
        engine = new Engine(new EngineConfig(4, 1, 1, 1000, new CostModel(1, 0, 0, 0, 50, 50), Batching.LLAMACPP));
        CompletableFuture<SimTiming> a = submit("a", 1, 10);
        CompletableFuture<SimTiming> b = submit("b", 1, 10);
        CompletableFuture<SimTiming> secondA = submit("a", 1, 10);
        CompletableFuture<SimTiming> base = submit(null, 1, 10);
        engine.start();

        SimTiming first = finish(a);
        assertEquals(10, first.finishedAtMs(), EPS, "a's set (a, a) runs alone, one step per token");
        assertEquals(first.finishedAtMs(), finish(secondA).finishedAtMs(), EPS, "same set, same batch");
        SimTiming second = finish(b);
        assertEquals(first.finishedAtMs(), second.scheduledAtMs(), EPS, "b waited in its slot for a's set");
        assertEquals(first.finishedAtMs(), second.queueMs(), EPS);
        assertEquals(LoraSource.RESIDENT, second.loraSource(), "every adapter is loaded at start");
        assertEquals(0, second.loraLoadMs(), EPS);
        SimTiming baseTiming = finish(base);
        assertEquals(second.finishedAtMs(), baseTiming.scheduledAtMs(), EPS, "the base model is a set of its own");
        assertEquals(LoraSource.NONE, baseTiming.loraSource());
        assertEquals(30, engine.metrics().decodes(), "10 steps for each set in turn: a, b, base");
    }

    @Test
    void llamaCppCombinationCostsEachOfItsAdapters() throws Exception {
        engine = new Engine(new EngineConfig(4, 1, 1, 1000, new CostModel(1, 0, 0.5, 0, 0, 0), Batching.LLAMACPP))
                .start();
        CompletableFuture<SimTiming> done = new CompletableFuture<>();
        engine.submit(new SimRequest("a+b", 2, 1, 3, request -> {
            if (request.isFinished()) {
                done.complete(request.timing());
            }
        }));
        assertEquals(2 * (1 + 2 * 0.5), finish(done).decodeMs(), EPS);
    }

    @Test
    void sglangCountsTheBaseModelAsOneOfTheBatchsAdapters() throws Exception {
        engine = new Engine(new EngineConfig(8, 2, 2, 1000, new CostModel(1, 0, 0, 0, 0, 0), Batching.SGLANG));
        List.of("a", "b").forEach(engine::loadIntoCpuCache);
        CompletableFuture<SimTiming> a = submit("a", 1, 10);
        CompletableFuture<SimTiming> b = submit("b", 1, 10);
        CompletableFuture<SimTiming> base = submit(null, 1, 10);
        engine.start();

        SimTiming first = finish(a);
        assertEquals(0, finish(b).queueMs(), EPS, "a and b fill --max-loras-per-batch 2");
        assertEquals(first.finishedAtMs(), finish(base).scheduledAtMs(), EPS,
                "the base model needs a slot of its own, unlike under vLLM");
        assertEquals(2, engine.metrics().gpuAdapterSlotsUsed());
        for (String adapter : List.of("a", "b")) {
            assertTrue(finish(submit(adapter, 1, 1)).loraSource() != LoraSource.DISK,
                    "the base model's GPU slot does not push adapters out of the CPU cache");
        }
    }

    @Test
    void tgiBatchesEveryAdapterTogetherWithoutLoads() throws Exception {
        engine = new Engine(new EngineConfig(8, 3, 3, 1000, new CostModel(1, 0, 0, 0, 50, 50), Batching.TGI));
        List.of("a", "b", "c").forEach(engine::loadIntoCpuCache);
        CompletableFuture<SimTiming> a = submit("a", 1, 10);
        CompletableFuture<SimTiming> b = submit("b", 1, 10);
        CompletableFuture<SimTiming> c = submit("c", 1, 10);
        CompletableFuture<SimTiming> base = submit(null, 1, 10);
        engine.start();

        for (CompletableFuture<SimTiming> request : List.of(a, b, c)) {
            SimTiming timing = finish(request);
            assertEquals(0, timing.queueMs(), EPS, "different adapters share the batch");
            assertEquals(LoraSource.RESIDENT, timing.loraSource());
            assertEquals(0, timing.loraLoadMs(), EPS, "loaded at start, never evicted");
        }
        assertEquals(0, finish(base).queueMs(), EPS);
    }

    private static Engine start(int maxNumSeqs, int maxLoras, int maxCpuLoras, CostModel costs) {
        return new Engine(new EngineConfig(maxNumSeqs, maxLoras, maxCpuLoras, 1000, costs)).start();
    }

    private CompletableFuture<SimTiming> submit(String adapter, int promptTokens, int outputTokens) {
        CompletableFuture<SimTiming> done = new CompletableFuture<>();
        engine.submit(new SimRequest(adapter, promptTokens, outputTokens, request -> {
            if (request.isFinished()) {
                done.complete(request.timing());
            }
        }));
        return done;
    }

    private static SimTiming finish(CompletableFuture<SimTiming> timing) throws Exception {
        return timing.get(5, TimeUnit.SECONDS);
    }
}
