package dev.multilora.cli;

import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.work.WorkRole;
import dev.multilora.work.WorkerIdentity;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "Configuration keys: README.md, sections Workers on a message broker and Configuration; -D key=value sets any of them."},
        description = {"Takes runs from the work queue at work.broker_url, one at a time, and benchmarks each with this config"
                + " (its server, its outbox) until stopped; each run's results go back to the coordinating `watch`.",
                "It takes only the runs whose work.requires it meets: its server.engine, model.name and GPU (work.gpu, or"
                        + " what nvidia-smi names). Killed mid-run, its run goes to another worker; stopped mid-run (Ctrl-C,"
                        + " SIGTERM), it sends what it measured as interrupted and hands the run back to the queue."})
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Optional<EffectiveConfig> loaded = common.loadWithBroker("a worker needs the broker to take runs from (e.g. -D work.broker_url=tcp://127.0.0.1:61616)");
        if (loaded.isEmpty()) {
            return 2;
        }
        EffectiveConfig config = loaded.get();
        ConfigLoader loader = common.loader();
        try (PipelineRuntime runtime = new PipelineRuntime(common.home(), loader, config, Map.of(), false, WorkRole.WORKER)) {
            WorkerIdentity identity = runtime.work();
            System.out.println("worker " + identity.name() + " serving " + identity.serves() + ": taking runs from "
                    + config.string(Setting.WORK_QUEUE) + " at " + config.string(Setting.WORK_BROKER_URL) + " (results in "
                    + config.path(Setting.OUTBOX) + "); Ctrl-C to stop");
            runtime.runUntilStopped();
            return runtime.interruptions().exitCode().orElse(0);
        }
    }
}
