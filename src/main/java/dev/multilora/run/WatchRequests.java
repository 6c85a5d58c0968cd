package dev.multilora.run;

import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.Setting;
import dev.multilora.inbox.InboxFiles;
import dev.multilora.schedule.ScheduleFire;
import dev.multilora.sweep.SweepFile;
import dev.multilora.sweep.SweepOutcome;
import dev.multilora.sweep.SweepRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a file dropped into the inbox into a run request (a dataset) or a sweep request (a sweep file). The config file is named here but read
 * when the run opens, so each dataset runs with the configuration as it is when its turn comes.
 */
public final class WatchRequests {
    private final Path configFile;
    private final Map<String, String> overrides;
    private final Path outbox;
    private final RunFinisher finisher;
    private final SweepFile sweepFile;

    public WatchRequests(ConfigLoader loader, Path configFile, Map<String, String> overrides, Path outbox, RunFinisher finisher) {
        this.sweepFile = new SweepFile(loader);
        this.configFile = configFile;
        this.overrides = Map.copyOf(overrides);
        this.outbox = outbox;
        this.finisher = finisher;
    }

    /**
     * The dataset's run, with its sidecar NAME.config.yaml when one came with it, and its adapter set
     * NAME.adapters/ as the run's lora.adapters_dir when one came with it.
     */
    public RunRequest forDroppedFile(String absolutePath) {
        Path dataset = Path.of(absolutePath);
        Path sidecar = InboxFiles.sidecarOf(dataset);
        Path adapterSet = InboxFiles.adapterSetOf(dataset);
        Map<String, String> runOverrides = new java.util.LinkedHashMap<>(overrides);
        if (Files.isDirectory(adapterSet)) {
            runOverrides.put(Setting.ADAPTERS_DIR.key(), adapterSet.toString());
        }
        return new RunRequest(dataset, configFile, runOverrides, RunRequest.WATCH, outbox, Files.isRegularFile(sidecar) ? sidecar : null, null);
    }

    /** A schedule's fire: its dataset, with the schedule's overrides applied when the run opens. */
    public RunRequest forFire(ScheduleFire fire) {
        return new RunRequest(fire.schedule().dataset(), configFile, overrides, RunRequest.WATCH, outbox, null, fire);
    }

    /** A dropped file that is not a dataset: no run, just an error report. */
    public RunOutcome reject(String absolutePath) {
        RunRequest request = forDroppedFile(absolutePath);
        String why = Files.isDirectory(Path.of(absolutePath))
                ? "a directory, not a JSONL dataset: " + absolutePath + " (drop its *.jsonl files into the inbox one by one)"
                : "not a JSONL dataset: " + absolutePath + " (only *.jsonl files are benchmarked)";
        return finisher.abort(new RunAbortedException(why), request, null);
    }

    /**
     * A dropped NAME.sweep.yaml: its sweep, with relative paths read from the inbox it was dropped in
     * and `watch`'s config as its base unless it names one. One that cannot be read answers the
     * RunOutcome of its error report instead. A sweep back in the inbox after an interruption (its
     * retry mark beside it) resumes its unfinished folder.
     */
    public Object forDroppedSweep(String claimedPath) {
        Path claimed = Path.of(claimedPath);
        try {
            return SweepRequest.dropped(sweepFile.read(claimed, configFile, claimed.getParent().getParent()).under(overrides),
                    InboxFiles.retriedBefore(claimed));
        } catch (ConfigException e) {
            return finisher.abort(new RunAbortedException(e.getMessage(), e), forDroppedFile(claimedPath), null);
        }
    }

    /** A dropped sweep that could not start or broke off, or was cancelled while it waited: its report. */
    public SweepOutcome sweepFailed(SweepRequest request, Exception cause) {
        RunRequest asRun = new RunRequest(request.plan().sweepFile(), configFile, overrides, RunRequest.WATCH, outbox);
        Exception reported = cause instanceof RunCancelledException ? cause
                : new RunAbortedException("sweep " + request.plan().name() + " could not go on: " + cause.getMessage(), cause);
        return SweepOutcome.reported(finisher.abort(reported, asRun, null));
    }
}
