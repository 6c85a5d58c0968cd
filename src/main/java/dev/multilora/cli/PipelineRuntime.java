package dev.multilora.cli;

import dev.multilora.PipelineBeans;
import dev.multilora.client.CompletionCall;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.inbox.InboxFiles;
import dev.multilora.inbox.InterruptedDatasets;
import dev.multilora.observe.CurrentRun;
import dev.multilora.observe.MetricsServing;
import dev.multilora.observe.ProgressDisplay;
import dev.multilora.observe.Terminal;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import dev.multilora.sweep.SweepOutcome;
import dev.multilora.sweep.SweepRequest;
import dev.multilora.work.Heartbeat;
import dev.multilora.work.WorkRole;
import dev.multilora.work.WorkerIdentity;
import dev.multilora.work.WorkerRoster;
import dev.multilora.work.WorkerRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;

/** Starts the Camel routes from the project's routes/ folder, with the beans they call. */
final class PipelineRuntime implements AutoCloseable {
    private final Main main = new Main();
    private final EffectiveConfig startupConfig;
    private final Interruptions interruptions;
    private final InboxFiles inboxFiles;
    private final WorkerIdentity workerIdentity;
    private final WorkerRoster workerRoster;
    private final WorkerRuns workerRuns;

    PipelineRuntime(Path home, ConfigLoader loader, EffectiveConfig startupConfig, Map<String, String> overrides, boolean watch) {
        this(home, loader, startupConfig, overrides, watch, watch ? WorkRole.forWatch(startupConfig) : WorkRole.NONE);
    }

    /** @param role what this process is to the work queue (work.broker_url): the routes it starts */
    PipelineRuntime(Path home, ConfigLoader loader, EffectiveConfig startupConfig, Map<String, String> overrides, boolean watch,
                    WorkRole role) {
        this.startupConfig = startupConfig;
        Properties properties = new Properties();
        properties.setProperty("camel.main.routes-include-pattern", "file:" + home.resolve("routes").toAbsolutePath() + "/*.camel.yaml");
        properties.setProperty("paths.inbox", startupConfig.path(Setting.INBOX).toString());
        properties.setProperty("multilora.watch", Boolean.toString(watch));
        Integer apiPort = watch ? startupConfig.optionalInteger(Setting.API_PORT).orElse(null) : null;
        properties.setProperty("multilora.api.disabled", Boolean.toString(apiPort == null));
        if (apiPort != null) {
            properties.setProperty("camel.server.enabled", "true");
            properties.setProperty("camel.server.host", startupConfig.string(Setting.API_HOST));
            properties.setProperty("camel.server.port", apiPort.toString());
        }
        properties.putAll(MetricsServing.camelProperties(startupConfig));
        String doneFile = startupConfig.optionalString(Setting.INBOX_DONE_FILE).orElse(null);
        if (doneFile != null) {
            properties.setProperty("inbox.done_file", doneFile);
        }
        properties.putAll(role.camelProperties(startupConfig));
        // `bench` has a person (or a script) waiting on it; `watch` runs unattended and logs.
        ProgressDisplay progress = watch ? ProgressDisplay.logged() : ProgressDisplay.on(System.err, Terminal.isInteractive());
        Map<String, Object> beans = new HashMap<>();
        PipelineBeans.bind((name, bean) -> {
            main.bind(name, bean);
            beans.put(name, bean);
        }, loader, startupConfig.source(), overrides, startupConfig.path(Setting.OUTBOX), progress,
                watch ? startupConfig.schedules() : List.of(), doneFile);
        inboxFiles = (InboxFiles) beans.get("inboxFiles");
        workerIdentity = (WorkerIdentity) beans.get("workerIdentity");
        workerRoster = (WorkerRoster) beans.get("workerRoster");
        workerRuns = (WorkerRuns) beans.get("workerRuns");
        if (role == WorkRole.WORKER) {
            properties.setProperty("multilora.work.selector", workerIdentity.selector());
        }
        main.setOverrideProperties(properties);
        interruptions = new Interruptions((CurrentRun) beans.get("currentRun"), (CompletionCall) beans.get("completionCall"),
                watch || role == WorkRole.WORKER ? main::completed : () -> { });
        interruptions.install();
    }

    /** The signal that interrupted the command, if one did. */
    Interruptions interruptions() {
        return interruptions;
    }

    /** Runs one benchmark and returns how it ended. */
    RunOutcome bench(RunRequest request) throws Exception {
        main.start();
        return main.getCamelContext().createProducerTemplate().requestBody("direct:benchmark", request, RunOutcome.class);
    }

    /** Runs a sweep, one run at a time through the benchmark route, and returns how it ended. */
    SweepOutcome sweep(SweepRequest request) throws Exception {
        main.start();
        return main.getCamelContext().createProducerTemplate().requestBody("direct:sweep", request, SweepOutcome.class);
    }

    /** Settles what a previous `watch` left interrupted, then polls the inbox until the process is interrupted (Ctrl-C, SIGTERM). */
    void watchUntilStopped() throws Exception {
        new InterruptedDatasets(startupConfig.path(Setting.INBOX), startupConfig.path(Setting.OUTBOX),
                startupConfig.string(Setting.WATCH_ON_INTERRUPTED), inboxFiles).recover();
        main.run();
    }

    /** A worker: settles what this worker left half-written when it was killed, before it takes any run. */
    WorkerIdentity work() {
        workerRuns.recover();
        return workerIdentity;
    }

    void runUntilStopped() throws Exception {
        main.run();
    }

    /** The workers heard on the workers topic within the given time. */
    List<Heartbeat> listen(Duration time) throws Exception {
        main.start();
        Thread.sleep(time.toMillis());
        return workerRoster.workers();
    }

    @Override
    public void close() {
        main.stop();
    }
}
