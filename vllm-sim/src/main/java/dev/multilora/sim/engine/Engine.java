package dev.multilora.sim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving model: one thread steps a continuously batched set of sequences on a model clock.
 * Each step admits waiting requests (FIFO, skipping those whose adapter would exceed the batch's
 * adapter limit, see {@link Batching}), picks the sequences it decodes (all of them, or under
 * llama-server's rule those of one adapter set), pays adapter loads and prefill for the newcomers
 * among them, and gives each of them one token.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** The GPU adapter-pool slot SGLang's base-model requests take; no adapter can have this name. */
    private static final String BASE_SLOT = "\u0000base";

    private final EngineConfig config;
    private final CostModel costs;
    private final EngineMetrics metrics = new EngineMetrics();
    private final AdapterResidency residency;
    private final StepPacer pacer = new StepPacer();
    private final Queue<SimRequest> inbox = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    private final ArrayDeque<SimRequest> waiting = new ArrayDeque<>();
    private final List<SimRequest> running = new ArrayList<>();
    private final Map<String, Integer> runningAdapters = new HashMap<>();
    private final Map<String, Integer> waitingAdapters = new HashMap<>();
    private int runningBase;
    private boolean loraActivityChanged;
    private double clockMs;

    private volatile boolean idle;
    private volatile boolean dead;
    private volatile boolean closed;

    public Engine(EngineConfig config) {
        this.config = config;
        this.costs = config.costs();
        this.residency = new AdapterResidency(config.maxLoras(), config.maxCpuLoras());
        this.thread = new Thread(this::run, "sim-engine");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((engineThread, failure) -> {
            dead = true;
            LOG.error("Engine thread died; /health now answers 503 as vLLM does on EngineDeadError", failure);
        });
    }

    public Engine start() {
        thread.start();
        return this;
    }

    /** False once the engine thread has failed, as vLLM's EngineDeadError. */
    public boolean isAlive() {
        return !dead;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public void submit(SimRequest request) {
        inbox.offer(request);
        wake();
    }

    /** Places an adapter in the CPU cache between two steps. */
    public void loadIntoCpuCache(String adapter) {
        execute(() -> residency.addToCpuCache(adapter));
    }

    /** Drops an adapter from the caches between two steps; running requests keep their GPU copy. */
    public void unload(String adapter) {
        execute(() -> residency.forget(adapter, runningAdapters.keySet()));
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void execute(Runnable command) {
        commands.offer(command);
        wake();
    }

    private void wake() {
        if (idle) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closed) {
            if (running.isEmpty() && waiting.isEmpty()) {
                awaitWork();
            }
            step();
        }
    }

    private void awaitWork() {
        idle = true;
        while (!closed && inbox.isEmpty() && commands.isEmpty()) {
            LockSupport.park(this);
        }
        idle = false;
        pacer.restart();
    }

    private void step() {
        runCommands();
        receiveArrivals();
        dropCancelled();
        if (running.isEmpty() && waiting.isEmpty()) {
            return;
        }
        double loadMs = 0;
        int prefillTokens = 0;
        Iterator<SimRequest> queue = waiting.iterator();
        while (running.size() < config.maxNumSeqs() && queue.hasNext()) {
            SimRequest request = queue.next();
            if (!admissible(request)) {
                continue;
            }
            queue.remove();
            if (config.batching() != Batching.LLAMACPP) {
                loadMs += start(request);
                prefillTokens += request.promptTokens();
            }
            enterRunning(request);
        }
        List<SimRequest> batch = batch();
        for (SimRequest request : batch) {
            if (!request.isScheduled()) {
                loadMs += start(request);
                prefillTokens += request.promptTokens();
            }
        }
        runningAdapters.keySet().forEach(residency::touch);
        if (runningBase > 0 && config.batching() == Batching.SGLANG) {
            residency.touchGpuSlot(BASE_SLOT);
        }
        double stepMs = costs.stepMs(batch.size(), batchAdapters(batch), prefillTokens, loadMs);
        pacer.await(stepMs);
        clockMs += stepMs;
        generate(batch, prefillTokens);
    }

    /** Whether a waiting request may join the running batch now (there is room for a sequence). */
    private boolean admissible(SimRequest request) {
        String adapter = request.adapterName();
        return switch (config.batching()) {
            case VLLM -> adapter == null || runningAdapters.containsKey(adapter)
                    || runningAdapters.size() < config.maxLoras();
            case SGLANG -> (adapter == null ? runningBase > 0 : runningAdapters.containsKey(adapter))
                    || runningAdapters.size() + (runningBase > 0 ? 1 : 0) < config.maxLoras();
            case LLAMACPP, TGI -> true;
        };
    }

    /** The sequences this step decodes: all running ones, or under llama-server those of one adapter set. */
    private List<SimRequest> batch() {
        if (config.batching() != Batching.LLAMACPP || running.isEmpty()) {
            return running;
        }
        String set = running.get(0).adapterName();
        List<SimRequest> batch = new ArrayList<>();
        for (SimRequest request : running) {
            if (Objects.equals(set, request.adapterName())) {
                batch.add(request);
            }
        }
        return batch;
    }

    private int batchAdapters(List<SimRequest> batch) {
        if (config.batching() == Batching.LLAMACPP) {
            return batch.isEmpty() ? 0 : batch.get(0).adapterCount();
        }
        return runningAdapters.size();
    }

    /** The request's first batch: its adapter is made active and its prompt prefilled. Returns the load cost. */
    private double start(SimRequest request) {
        String adapter = request.adapterName();
        LoraSource source = switch (config.batching()) {
            case VLLM -> adapter == null ? LoraSource.NONE : residency.activate(adapter, runningAdapters.keySet());
            case SGLANG -> {
                if (adapter == null) {
                    residency.occupyGpuSlot(BASE_SLOT, slotsInUse());
                    yield LoraSource.NONE;
                }
                yield residency.activate(adapter, slotsInUse());
            }
            case LLAMACPP, TGI -> adapter == null ? LoraSource.NONE : LoraSource.RESIDENT;
        };
        double loadMs = costs.loadMs(source);
        request.scheduled(clockMs, source, loadMs);
        return loadMs;
    }

    private Set<String> slotsInUse() {
        if (runningBase == 0) {
            return runningAdapters.keySet();
        }
        Set<String> inUse = new HashSet<>(runningAdapters.keySet());
        inUse.add(BASE_SLOT);
        return inUse;
    }

    private void enterRunning(SimRequest request) {
        running.add(request);
        if (request.adapterName() == null) {
            runningBase++;
        } else {
            decrement(waitingAdapters, request.adapterName());
            increment(runningAdapters, request.adapterName());
        }
    }

    /** Bookkeeping for a request leaving the running batch; the caller removes it from {@code running}. */
    private void leaveRunning(SimRequest request) {
        if (request.adapterName() == null) {
            runningBase--;
        } else {
            decrement(runningAdapters, request.adapterName());
        }
    }

    /** Metrics are updated before any listener hears of the step, so a finished request is already counted. */
    private void generate(List<SimRequest> batch, int prefillTokens) {
        List<SimRequest> stepped = new ArrayList<>(batch);
        int busySlots = running.size();
        boolean finishedAny = false;
        for (SimRequest request : stepped) {
            if (request.advance(clockMs)) {
                metrics.finished(request.timing());
                leaveRunning(request);
                finishedAny = true;
            }
        }
        if (finishedAny) {
            running.removeIf(SimRequest::isFinished);
        }
        long kvTokens = 0;
        for (SimRequest request : running) {
            kvTokens += request.contextTokens();
        }
        metrics.tokens(prefillTokens, stepped.size());
        metrics.decoded(busySlots, residency.gpuSlotsUsed());
        publishScheduler(kvTokens);
        stepped.forEach(SimRequest::notifyListener);
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private void receiveArrivals() {
        SimRequest request;
        while ((request = inbox.poll()) != null) {
            request.arrived(clockMs);
            waiting.add(request);
            if (request.adapterName() != null) {
                increment(waitingAdapters, request.adapterName());
            }
        }
    }

    private void dropCancelled() {
        boolean droppedRunning = running.removeIf(request -> {
            if (request.isCancelled()) {
                leaveRunning(request);
            }
            return request.isCancelled();
        });
        boolean droppedWaiting = waiting.removeIf(request -> {
            if (request.isCancelled() && request.adapterName() != null) {
                decrement(waitingAdapters, request.adapterName());
            }
            return request.isCancelled();
        });
        if (droppedRunning || droppedWaiting) {
            publishScheduler(running.stream().mapToLong(SimRequest::contextTokens).sum());
        }
    }

    private void publishScheduler(long kvTokens) {
        metrics.scheduler(running.size(), waiting.size(), kvTokens);
        if (loraActivityChanged) {
            loraActivityChanged = false;
            metrics.loraActivity(LoraActivity.of(runningAdapters.keySet(), waitingAdapters.keySet()));
        }
    }

    private void increment(Map<String, Integer> counts, String adapter) {
        if (counts.merge(adapter, 1, Integer::sum) == 1) {
            loraActivityChanged = true;
        }
    }

    private void decrement(Map<String, Integer> counts, String adapter) {
        if (counts.merge(adapter, -1, Integer::sum) == 0) {
            counts.remove(adapter);
            loraActivityChanged = true;
        }
    }
}
