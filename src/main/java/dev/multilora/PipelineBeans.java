package dev.multilora;

import dev.multilora.api.ApiAccess;
import dev.multilora.api.ApiSettings;
import dev.multilora.api.RunCancellation;
import dev.multilora.api.RunLookup;
import dev.multilora.api.RunSubmissions;
import dev.multilora.client.ClientRehearsal;
import dev.multilora.client.CompletionCall;
import dev.multilora.client.CompletionHttpClient;
import dev.multilora.client.ConnectionReuse;
import dev.multilora.client.ConnectionWarmup;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.Schedule;
import dev.multilora.config.Setting;
import dev.multilora.dataset.DatasetIndexer;
import dev.multilora.observe.CurrentRun;
import dev.multilora.observe.PipelineMeters;
import dev.multilora.observe.ProgressDisplay;
import dev.multilora.observe.ProgressReport;
import dev.multilora.report.ResultsJson;
import dev.multilora.report.RunManifest;
import dev.multilora.report.PreviousRunComparison;
import dev.multilora.report.RunReport;
import dev.multilora.report.RunResultsBuilder;
import dev.multilora.report.ServerMetricsCsv;
import dev.multilora.report.history.RunHistory;
import dev.multilora.report.html.ReportPage;
import dev.multilora.report.plots.RunPlots;
import dev.multilora.run.RequestPhase;
import dev.multilora.run.RequestPlanner;
import dev.multilora.run.RunCancellations;
import dev.multilora.run.RunFinisher;
import dev.multilora.run.RunRecorder;
import dev.multilora.run.RequestWorker;
import dev.multilora.run.RequestWorkers;
import dev.multilora.run.RunStarter;
import dev.multilora.run.WatchRequests;
import dev.multilora.schedule.ScheduleRoutes;
import dev.multilora.schedule.WaitingFires;
import dev.multilora.inbox.InboxFiles;
import dev.multilora.notify.RunNotifications;
import dev.multilora.server.EnvironmentRecord;
import dev.multilora.server.ServerLauncher;
import dev.multilora.server.ServerSupervisor;
import dev.multilora.server.metrics.ServerMetricsRecorder;
import dev.multilora.server.metrics.ServerMetricsScraper;
import dev.multilora.sweep.Sweeps;
import dev.multilora.work.OutstandingRuns;
import dev.multilora.work.WorkBeans;
import dev.multilora.work.WorkerRoster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The beans the routes call, by the names the routes use. One list for the application and the tests. */
public final class PipelineBeans {
    private PipelineBeans() {
    }

    /**
     * @param configFile the config file `watch` re-reads for every dataset
     * @param overrides  command-line values that apply to every run
     * @param outbox     where error reports go when a run's config cannot be read
     */
    public static void bind(BiConsumer<String, Object> registry, ConfigLoader loader, Path configFile, Map<String, String> overrides, Path outbox) {
        bind(registry, loader, configFile, overrides, outbox, ProgressDisplay.logged(), List.of(), null);
    }

    /**
     * @param progress      where the request phase's progress is shown
     * @param schedules     the schedules `watch` runs, one route each; read when it starts
     * @param inboxDoneFile inbox.done_file as `watch` started with it; null when unset
     */
    public static void bind(BiConsumer<String, Object> registry, ConfigLoader loader, Path configFile, Map<String, String> overrides,
                            Path outbox, ProgressDisplay progress, List<Schedule> schedules, String inboxDoneFile) {
        CurrentRun currentRun = new CurrentRun();
        PipelineMeters meters = new PipelineMeters(currentRun);
        registry.accept("currentRun", currentRun);
        registry.accept("progressReport", new ProgressReport(progress, currentRun));
        registry.accept("pipelineMeters", meters);
        registry.accept("serverMetrics", new ServerMetricsRecorder(new ServerMetricsScraper(), currentRun));
        registry.accept("serverMetricsCsv", new ServerMetricsCsv());
        registry.accept("runHistory", new RunHistory());
        RunFinisher finisher = new RunFinisher(currentRun, new ReportPage()::renderError);
        RunCancellations cancellations = new RunCancellations();
        registry.accept("runStarter", new RunStarter(loader, currentRun, cancellations));
        registry.accept("runFinisher", finisher);
        registry.accept("watchRequests", new WatchRequests(loader, configFile, overrides, outbox, finisher));
        InboxFiles inboxFiles = new InboxFiles(inboxDoneFile);
        registry.accept("inboxFiles", inboxFiles);
        registry.accept("waitingFires", new WaitingFires(schedules));
        registry.accept("scheduleRoutes", new ScheduleRoutes(schedules));
        registry.accept("runNotifications", new RunNotifications());
        registry.accept("datasetIndexer", new DatasetIndexer());
        registry.accept("requestPlanner", new RequestPlanner());
        registry.accept("requestPhase", new RequestPhase(currentRun, new RunRecorder(meters)));
        registry.accept("requestWorker", new RequestWorker());
        registry.accept("requestPool", RequestWorkers.create());
        registry.accept("connectionWarmup", new ConnectionWarmup());
        CompletionCall completionCall = new CompletionCall();
        registry.accept("completionCall", completionCall);
        registry.accept(CompletionHttpClient.REUSING_CONNECTIONS, new CompletionHttpClient(ConnectionReuse.whileFresh()));
        registry.accept(CompletionHttpClient.NEW_CONNECTIONS, new CompletionHttpClient(ConnectionReuse.never()));
        registry.accept("clientRehearsal", new ClientRehearsal());
        registry.accept("runResultsBuilder", new RunResultsBuilder());
        registry.accept("resultsJson", new ResultsJson());
        registry.accept("runManifest", new RunManifest());
        ServerSupervisor supervisor = new ServerSupervisor(outbox.resolve(".server").resolve("server.log"));
        registry.accept("serverSupervisor", supervisor);
        registry.accept("serverLauncher", new ServerLauncher(supervisor));
        registry.accept("environmentRecord", new EnvironmentRecord(supervisor));
        registry.accept("previousRunComparison", new PreviousRunComparison());
        Sweeps sweeps = new Sweeps(loader, cancellations);
        registry.accept("sweeps", sweeps);
        registry.accept("runReport", new RunReport(new RunPlots(800, 500)));
        ApiSettings apiSettings = new ApiSettings(loader, configFile, overrides);
        OutstandingRuns outstandingRuns = new OutstandingRuns(() -> loader.load(configFile, overrides).path(Setting.OUTBOX));
        WorkerRoster workerRoster = new WorkerRoster();
        RunLookup runLookup = new RunLookup(apiSettings, currentRun, sweeps, outstandingRuns, workerRoster);
        registry.accept("apiAccess", new ApiAccess(apiSettings));
        registry.accept("runSubmissions", new RunSubmissions(apiSettings, inboxFiles));
        registry.accept("runLookup", runLookup);
        registry.accept("runCancellation", new RunCancellation(apiSettings, runLookup, inboxFiles, finisher, completionCall,
                cancellations, outstandingRuns, configFile, overrides));
        WorkBeans.bind(registry, loader, configFile, overrides, outbox, finisher, currentRun, outstandingRuns, workerRoster);
    }
}
