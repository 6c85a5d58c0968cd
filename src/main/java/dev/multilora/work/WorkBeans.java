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

    public static void bind(BiConsumer<String, Object> registry, ConfigLoader loader, Path configFile, Path outbox, RunFinisher finisher,
                            CurrentRun currentRun) {
        WorkerIdentity identity = new WorkerIdentity(() -> loader.load(configFile, Map.of()), currentRun);
        registry.accept("workerIdentity", identity);
        registry.accept("workerRuns", new WorkerRuns(loader, configFile, outbox, identity));
        registry.accept("workSubmissions", new WorkSubmissions(loader));
        registry.accept("collectedRuns", new CollectedRuns(loader, configFile, finisher));
        registry.accept("remoteNotifications", new RemoteNotifications());
        registry.accept("workerRoster", new WorkerRoster());
    }
}
