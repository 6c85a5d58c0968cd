package dev.multilora.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.multilora.client.CompletionCall;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.inbox.InboxFiles;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.RunCancellations;
import dev.multilora.run.RunCancelledException;
import dev.multilora.run.RunFinisher;
import dev.multilora.run.RunRequest;
import dev.multilora.sweep.SweepExecution;
import dev.multilora.work.OutstandingRuns;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * DELETE /runs/{id}. A run still waiting leaves the inbox for inbox/.failed/ with a report saying it
 * was cancelled; a running one is interrupted as Ctrl-C would (nothing more sent, responses in
 * flight cut, what it measured reported) but filed as failed, never run again. A running sweep
 * starts no further run, its open run is cancelled so (or, on a worker, no longer waited for), and
 * its summary says it was cancelled. A run given to the workers is theirs: it cannot be cancelled here.
 */
public final class RunCancellation {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cancelled(String id, String status, String folder) {
        /** 202 while a running run is still winding down, 200 once it is cancelled. */
        @JsonIgnore
        public int responseCode() {
            return "cancelling".equals(status) ? 202 : 200;
        }
    }

    private final ApiSettings settings;
    private final RunLookup lookup;
    private final InboxFiles inboxFiles;
    private final RunFinisher finisher;
    private final CompletionCall completionCall;
    private final RunCancellations waitingToStart;
    private final OutstandingRuns outstanding;
    private final Path configFile;
    private final Map<String, String> overrides;

    public RunCancellation(ApiSettings settings, RunLookup lookup, InboxFiles inboxFiles, RunFinisher finisher,
                           CompletionCall completionCall, RunCancellations waitingToStart, OutstandingRuns outstanding,
                           Path configFile, Map<String, String> overrides) {
        this.settings = settings;
        this.lookup = lookup;
        this.inboxFiles = inboxFiles;
        this.finisher = finisher;
        this.completionCall = completionCall;
        this.waitingToStart = waitingToStart;
        this.outstanding = outstanding;
        this.configFile = configFile;
        this.overrides = Map.copyOf(overrides);
    }

    public Cancelled cancel(String id) {
        EffectiveConfig config = settings.current();
        RunPlaces places = new RunPlaces(config);
        RunPlaces.checkedId(id);
        String why = "cancelled through the API (DELETE /runs/" + id + ")";
        Optional<Path> waiting = places.queued(id);
        Optional<Path> withdrawn = waiting.flatMap(inboxFiles::withdraw);
        if (withdrawn.isPresent()) {
            RunRequest request = new RunRequest(waiting.get(), configFile, overrides, RunRequest.WATCH, places.outbox());
            Path folder = finisher.abort(new RunCancelledException(why + " before it ran; the dataset is in " + withdrawn.get()),
                    request, null).folder();
            return new Cancelled(id, "cancelled", Objects.toString(folder, null));
        }
        if (cancelOpenSweep(id, why)) {
            return new Cancelled(id, "cancelling", null);
        }
        if (interruptOpen(id, why)) {
            return new Cancelled(id, "cancelling", null);
        }
        if (places.running(id).isPresent()) {
            // Taken from the inbox, waiting in the run queue: it is cancelled as it opens (RunStarter looks
            // before and after opening). Should it have opened meanwhile, the request is taken back and the
            // open run interrupted: exactly one of the two cancels it.
            waitingToStart.request(id);
            if ((lookup.openRun(id).isPresent() || lookup.openSweep(id).isPresent()) && waitingToStart.withdraw(id)) {
                if (!cancelOpenSweep(id, why)) {
                    interruptOpen(id, why);
                }
            }
            return new Cancelled(id, "cancelling", null);
        }
        Optional<OutstandingRuns.Outstanding> remote = lookup.onWorkQueue(id);
        if (remote.isPresent()) {
            throw new ApiRequestException(409, "id", "run " + id + " was given to the workers (work id " + remote.get().workId()
                    + ") and cannot be cancelled from here: stop the worker that runs it, or remove it from the broker's work queue");
        }
        RunLookup.RunView view = lookup.status(id);
        throw new ApiRequestException(409, "id", "run " + id + " is " + view.status() + " and cannot be cancelled any more");
    }

    /** A running sweep starts no further run, and its open run is cut as any cancelled run is. */
    private boolean cancelOpenSweep(String id, String why) {
        Optional<SweepExecution> sweep = lookup.openSweep(id);
        if (sweep.isEmpty()) {
            return false;
        }
        sweep.get().cancel(why);
        outstanding.release(sweep.get().folder(), why);
        lookup.currentRun().ifPresent(run -> {
            run.cancel(why);
            completionCall.cutInFlight();
        });
        return true;
    }

    /** Interrupts this id's open run for good and cuts its responses, only while it is still the open run. */
    private boolean interruptOpen(String id, String why) {
        Optional<BenchmarkRun> running = lookup.openRun(id);
        if (running.isEmpty()) {
            return false;
        }
        running.get().cancel(why);
        if (lookup.openRun(id).isPresent()) {
            completionCall.cutInFlight();
        }
        return true;
    }
}
