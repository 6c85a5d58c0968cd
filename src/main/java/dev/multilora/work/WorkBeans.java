package dev.multilora.work;

import dev.multilora.config.ConfigLoader;
import dev.multilora.notify.RemoteNotifications;
import dev.multilora.observe.CurrentRun;
import dev.multilora.run.RunFinisher;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

/** The beans of the work-queue routes (routes/work.camel.yaml, routes/worker.camel.yaml), by the names the routes use. */
public final class WorkBeans {
    private WorkBeans() {
    }

    /**
     * @param overrides   the command's -D values
     * @param outstanding the coordinator's runs on the work queue, which the run API reads too
     * @param roster      the workers heard, which the run API reads too
     */
    public static void bind(BiConsumer<String, Object> registry, ConfigLoader loader, Path configFile, Map<String, String> overrides,
                            Path outbox, RunFinisher finisher, CurrentRun currentRun, OutstandingRuns outstanding, WorkerRoster roster) {
        WorkerIdentity identity = new WorkerIdentity(() -> loader.load(configFile, Map.of()), currentRun);
        registry.accept("workerIdentity", identity);
        registry.accept("workerRuns", new WorkerRuns(loader, configFile, outbox, identity));
        registry.accept("workSubmissions", new WorkSubmissions(loader));
        registry.accept("outstandingRuns", outstanding);
        registry.accept("collectedRuns", new CollectedRuns(loader, configFile, overrides, finisher, outstanding));
        registry.accept("remoteNotifications", new RemoteNotifications());
        registry.accept("workerRoster", roster);
    }
}
