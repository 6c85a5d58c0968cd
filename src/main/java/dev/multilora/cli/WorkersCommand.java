package dev.multilora.cli;

import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.work.Heartbeat;
import dev.multilora.work.WorkRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "workers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "Configuration keys: README.md, sections Workers on a message broker and Configuration; -D key=value sets any of them."},
        description = {"Lists the workers on the broker at work.broker_url: each one's name, what it serves (engine, model,"
                + " GPU) and the dataset it runs now.",
                "It listens to the workers' announcements for twice work.heartbeat_s: a worker that says nothing in that time"
                        + " is not listed. Exit status 0: at least one worker was heard; 1: none; 2: bad configuration."})
final class WorkersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Optional<EffectiveConfig> loaded = common.loadWithBroker("there is no broker to ask");
        if (loaded.isEmpty()) {
            return 2;
        }
        EffectiveConfig config = loaded.get();
        Duration listening = Duration.ofMillis(Math.round(config.decimal(Setting.WORK_HEARTBEAT_S) * 2000));
        List<Heartbeat> workers;
        try (PipelineRuntime runtime = new PipelineRuntime(common.home(), common.loader(), config, Map.of(), false, WorkRole.LISTENER)) {
            workers = runtime.listen(listening);
        }
        if (workers.isEmpty()) {
            System.out.println("no worker heard on " + config.string(Setting.WORK_WORKERS_TOPIC) + " in " + listening.toSeconds() + " s");
            return 1;
        }
        System.out.printf("%-28s %-8s %-36s %-12s %s%n", "WORKER", "ENGINE", "MODEL", "GPU", "RUNNING");
        for (Heartbeat worker : workers) {
            System.out.printf("%-28s %-8s %-36s %-12s %s%n", worker.worker(), worker.engine(),
                    worker.model() == null ? "-" : worker.model(), worker.gpu(), worker.running() == null ? "(idle)" : worker.running());
        }
        return 0;
    }
}
