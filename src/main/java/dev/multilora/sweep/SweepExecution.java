package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.Setting;
import dev.multilora.run.RunLock;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One sweep as it goes: hands out its runs one at a time, in plan order, and takes back how each
 * ended. A run an earlier attempt already finished (resume) is taken as it is and not run again; a
 * search's next probe depends on how the previous one did. An interrupted run ends the sweep.
 */
public final class SweepExecution {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SweepPlan plan;
    private final Path folder;
    private final RunLock lock;
    private final ExistingRuns existing;
    private final List<SweepRun> runs = new ArrayList<>();
    private final List<CapacityResult> capacities = new ArrayList<>();

    private int pointIndex;
    private int repeat = 1;
    private Bisection bisection;
    private Double probe;
    private boolean probePassed = true;
    private boolean pending;
    private boolean interrupted;
    private boolean cancelled;
    private String stopReason;
    private boolean ended;

    SweepExecution(SweepPlan plan, Path folder, RunLock lock, ExistingRuns existing) {
        this.plan = plan;
        this.folder = folder;
        this.lock = lock;
        this.existing = existing;
    }

    public SweepPlan plan() {
        return plan;
    }

    public Path folder() {
        return folder;
    }

    public List<SweepRun> runs() {
        return List.copyOf(runs);
    }

    /** The searches that ended, and the one an interruption cut short. */
    public List<CapacityResult> capacities() {
        List<CapacityResult> all = new ArrayList<>(capacities);
        if (bisection != null && !bisection.result().probes().isEmpty()) {
            all.add(new CapacityResult(plan.points().get(pointIndex), bisection.result(), false));
        }
        return all;
    }

    public boolean interrupted() {
        return interrupted;
    }

    /** How the sweep stands: completed only when it has ended and every run completed. */
    public synchronized RunOutcome.Status status() {
        if (cancelled) {
            return RunOutcome.Status.CANCELLED;
        }
        if (interrupted) {
            return RunOutcome.Status.INTERRUPTED;
        }
        return runs.stream().allMatch(SweepRun::done) ? RunOutcome.Status.COMPLETED : RunOutcome.Status.FAILED;
    }

    /** Why the interrupted or cancelled run stopped; null otherwise. */
    public synchronized String stopReason() {
        return stopReason;
    }

    /** Whether the sweep is over (its summary then says how it ended, not that it runs). */
    public synchronized boolean ended() {
        return ended;
    }

    /** Cancelled through the run API: no further run starts (the caller cuts the open one). */
    public synchronized void cancel(String why) {
        interrupted = true;
        cancelled = true;
        stopReason = why;
    }

    synchronized void end() {
        ended = true;
    }

    /** The next run to benchmark; empty once every run is done or the sweep was interrupted. */
    public synchronized Optional<RunRequest> next() {
        while (!interrupted && pointIndex < plan.points().size()) {
            SweepPoint point = plan.points().get(pointIndex);
            if (plan.search() != null && probe == null) {
                if (bisection == null) {
                    bisection = Bisection.of(plan.search());
                }
                OptionalDouble value = bisection.next();
                if (value.isEmpty()) {
                    capacities.add(new CapacityResult(point, bisection.result(), true));
                    bisection = null;
                    pointIndex++;
                    continue;
                }
                probe = value.getAsDouble();
                probePassed = true;
            }
            Optional<ExistingRuns.Found> earlier = existing.claim(identity(point));
            if (earlier.isPresent()) {
                ExistingRuns.Found found = earlier.get();
                took(new SweepRun(point, probe, repeat, found.folder(), found.results().path("status").asText(), found.results(), true));
                continue;
            }
            pending = true;
            return Optional.of(new RunRequest(plan.dataset(), plan.configFile(), overrides(point), RunRequest.SWEEP, folder));
        }
        return Optional.empty();
    }

    /** How the run {@link #next} handed out ended. */
    public synchronized void record(RunOutcome outcome) {
        if (!pending) {
            throw new IllegalStateException("no run of the sweep is open");
        }
        pending = false;
        SweepPoint point = plan.points().get(pointIndex);
        if (outcome.status() == RunOutcome.Status.INTERRUPTED || outcome.status() == RunOutcome.Status.CANCELLED) {
            interrupted = true;
            cancelled = outcome.status() == RunOutcome.Status.CANCELLED;
            stopReason = outcome.message();
        }
        // read from the folder, not the outcome: a run on a worker comes back as its files
        JsonNode results = outcome.folder() != null && Files.isRegularFile(outcome.folder().resolve("results.json"))
                ? readResults(outcome.folder()) : null;
        SweepRun run = new SweepRun(point, probe, repeat, outcome.folder(), results != null ? results.path("status").asText()
                : outcome.status().label(), results, false);
        if (interrupted) {
            runs.add(run);
        } else {
            took(run);
        }
    }

    /** Whether a search probe's run met every constraint; null outside a search. */
    public Boolean meetsConstraints(SweepRun run) {
        if (plan.search() == null) {
            return null;
        }
        return run.done() && run.results() != null && plan.search().constraints().stream().allMatch(c -> c.metBy(run.results()));
    }

    void releaseLock() {
        lock.close();
    }

    private void took(SweepRun run) {
        runs.add(run);
        if (plan.search() != null) {
            probePassed &= Boolean.TRUE.equals(meetsConstraints(run));
        }
        if (++repeat <= plan.repeats()) {
            return;
        }
        repeat = 1;
        if (plan.search() != null) {
            bisection.record(probe, probePassed);
            probe = null;
        } else {
            pointIndex++;
        }
    }

    private JsonNode identity(SweepPoint point) {
        return probe == null ? point.identity()
                : RunIdentity.with(point.identity(), plan.search().variable(), plan.search().integral() ? (Object) Math.round(probe) : probe);
    }

    private Map<String, String> overrides(SweepPoint point) {
        Map<String, String> overrides = new LinkedHashMap<>(plan.overrides());
        overrides.putAll(point.values());
        if (probe != null) {
            overrides.put(plan.search().variable(), plan.search().valueText(probe));
        }
        overrides.put(Setting.OUTBOX.key(), folder.toString());
        return overrides;
    }

    private static JsonNode readResults(Path runFolder) {
        try {
            return JSON.readTree(Files.readString(runFolder.resolve("results.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results of " + runFolder, e);
        }
    }
}
