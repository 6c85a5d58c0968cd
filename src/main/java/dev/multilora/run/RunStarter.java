package dev.multilora.run;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.observe.CurrentRun;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.engine.ServingEngine;
import dev.multilora.engine.ServingEngines;
import dev.multilora.server.ServerCommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a run: reads the configuration as it is now, checks the dataset, scans the adapters, takes
 * the run lock and creates the run folder. Anything that stops the run from starting becomes a
 * {@link RunAbortedException} with a message naming the file or key at fault.
 */
public final class RunStarter {
    private static final Logger LOG = LoggerFactory.getLogger(RunStarter.class);

    private final ConfigLoader configLoader;
    private final CurrentRun currentRun;
    private final RunCancellations cancellations;

    public RunStarter(ConfigLoader configLoader, CurrentRun currentRun, RunCancellations cancellations) {
        this.configLoader = configLoader;
        this.currentRun = currentRun;
        this.cancellations = cancellations;
    }

    public BenchmarkRun open(RunRequest request) throws InterruptedException {
        if (request.dataset() != null && cancellations.take(request.dataset())) {
            throw new RunCancelledException("cancelled through the API before it started");
        }
        EffectiveConfig config;
        try {
            config = configLoader.load(request.configFile(), request.sidecar(),
                    request.fire() == null ? null : request.fire().schedule(), request.overrides());
        } catch (ConfigException e) {
            throw new RunAbortedException(e.getMessage(), e);
        }
        Path dataset = request.dataset() != null ? request.dataset().toAbsolutePath().normalize()
                : config.optionalPath(Setting.DATASET_PATH).orElseThrow(() -> new RunAbortedException(
                        "no dataset: pass --dataset or set benchmark.dataset_path in " + config.source()));
        if (!Files.isRegularFile(dataset) || !Files.isReadable(dataset)) {
            throw new RunAbortedException("dataset " + dataset + " does not exist or cannot be read");
        }
        AdapterCatalog catalog = scanAdapters(config);
        catalog.excluded().forEach(e -> LOG.warn("adapter {} excluded: {}", e.name(), e.reason()));
        Path outbox = config.path(Setting.OUTBOX);
        RunLock lock = acquireLock(outbox, request.trigger());
        LocalDateTime startedAt = LocalDateTime.now();
        try {
            RunFolder.recoverInterrupted(outbox, runName -> "a dataset from the inbox stays in inbox/.running/ until `watch` starts and runs it again or files it");
            String datasetName = new BenchmarkRunName(dataset).value();
            RunFolder folder = RunFolder.create(outbox, datasetName, startedAt);
            BenchmarkRun run = new BenchmarkRun(config, catalog, dataset, folder, lock, startedAt, request.fire());
            currentRun.opened(run);
            if (cancellations.take(dataset)) {
                // Cancelled while it was opening: it stops as an interrupted run does, before it sends anything.
                run.cancel("cancelled through the API as it started");
            }
            return run;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Managed: the local adapter folder, as the server will register it. External: filled in from
     * the server, unless its engine lists no adapters (then the local folder names them).
     */
    private AdapterCatalog scanAdapters(EffectiveConfig config) {
        ServingEngine engine;
        try {
            engine = ServingEngines.checked(config);
        } catch (ConfigException e) {
            throw new RunAbortedException(e.getMessage(), e);
        }
        Path dir = config.optionalPath(Setting.ADAPTERS_DIR).orElse(null);
        boolean external = config.string(Setting.SERVER_MODE).equals("external");
        if (dir == null || (external && engine.listing() != ServingEngine.AdapterListing.NONE)) {
            return AdapterCatalog.empty();
        }
        try {
            AdapterCatalog scanned = engine.scanAdapters(dir, config.integer(Setting.MAX_LORA_RANK));
            return external ? scanned : new ServerCommandLine().registered(scanned, config.integer(Setting.LORA_COPIES));
        } catch (IllegalArgumentException e) {
            throw new RunAbortedException(e.getMessage() + " (config file " + config.source() + ")", e);
        }
    }

    private static RunLock acquireLock(Path outbox, String trigger) throws InterruptedException {
        // Someone waits on a `bench` or a sweep: they hear at once; an unattended `watch` waits its turn.
        if (RunRequest.WATCH.equals(trigger)) {
            return RunLock.awaitFree(outbox, trigger);
        }
        RunLock lock = RunLock.tryAcquire(outbox, trigger);
        if (lock == null) {
            throw new RunAbortedException("another benchmark is running (" + RunLock.holder(outbox) + "); wait for it to finish");
        }
        return lock;
    }
}
