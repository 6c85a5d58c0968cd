package dev.multilora.sim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving model: one thread steps a continuously batched set of sequences on a model clock.
 * Each step admits waiting requests (FIFO, skipping those whose adapter would exceed --max-loras,
 * as vLLM's V1 scheduler does), pays adapter loads and prefill for the newcomers, and gives every
 * running sequence one token.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

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
            String adapter = request.adapterName();
            if (adapter != null && !runningAdapters.containsKey(adapter)
                    && runningAdapters.size() >= config.maxLoras()) {
                continue;
            }
            queue.remove();
            LoraSource source = adapter == null
                    ? LoraSource.NONE
                    : residency.activate(adapter, runningAdapters.keySet());
            double requestLoadMs = costs.loadMs(source);
            request.scheduled(clockMs, source, requestLoadMs);
            loadMs += requestLoadMs;
            prefillTokens += request.promptTokens();
            running.add(request);
            if (adapter != null) {
                decrement(waitingAdapters, adapter);
                increment(runningAdapters, adapter);
            }
        }
        runningAdapters.keySet().forEach(residency::touch);
        double stepMs = costs.stepMs(running.size(), runningAdapters.size(), prefillTokens, loadMs);
        pacer.await(stepMs);
        clockMs += stepMs;
        generate(prefillTokens);
    }

    /** Metrics are updated before any listener hears of the step, so a finished request is already counted. */
    private void generate(int prefillTokens) {
        int kept = 0;
        long kvTokens = 0;
        List<SimRequest> stepped = new ArrayList<>(running);
        for (SimRequest request : stepped) {
            if (request.advance(clockMs)) {
                metrics.finished(request.timing());
                if (request.adapterName() != null) {
                    decrement(runningAdapters, request.adapterName());
                }
            } else {
                running.set(kept++, request);
                kvTokens += request.contextTokens();
            }
        }
        running.subList(kept, running.size()).clear();
        metrics.tokens(prefillTokens, stepped.size());
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
            if (request.isCancelled() && request.adapterName() != null) {
                decrement(runningAdapters, request.adapterName());
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
