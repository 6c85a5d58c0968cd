package dev.multilora.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.config.Setting;
import dev.multilora.observe.CurrentRun;
import dev.multilora.observe.ProgressSnapshot;
import dev.multilora.report.history.RunHistory;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.RunFinisher;
import dev.multilora.sweep.SweepExecution;
import dev.multilora.sweep.Sweeps;
import dev.multilora.work.Heartbeat;
import dev.multilora.work.OutstandingRuns;
import dev.multilora.work.WorkerRoster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** GET /runs, /runs/{id}, its files and /health: what the inbox, the open run and the outbox say. */
public final class RunLookup {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The figures a status answer carries; the whole of results.json is one link away. */
    private static final List<String> SUMMARY = List.of("status", "total_requests", "successful_requests", "failed_requests",
            "not_sent_requests", "invalid_lines", "total_duration", "request_throughput", "output_throughput", "p50_ttft_ms",
            "p99_ttft_ms", "p50_e2el_ms", "p99_e2el_ms", "request_goodput", "slo_attainment_pct");
    private static final Map<String, String> FILES = Map.of("results.json", "application/json",
            "results.csv", "text/csv; charset=utf-8", "report.html", "text/html; charset=utf-8",
            "manifest.json", "application/json", "server_metrics.csv", "text/csv; charset=utf-8",
            "sweep.json", "application/json", "summary.json", "application/json", "summary.csv", "text/csv; charset=utf-8",
            "sweep.html", "text/html; charset=utf-8");
    private static final Pattern PLOT = Pattern.compile("[a-z0-9_]+\\.png");
    private static final int DEFAULT_LIMIT = 50;

    /** How a run is doing, as GET /runs/{id} answers. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunView(String id, String status, Integer queuePosition, Progress progress, String folder, String message,
                          JsonNode summary, Map<String, String> files, String workId, String worker) {
        RunView(String id, String status, Integer queuePosition, Progress progress, String folder, String message,
                JsonNode summary, Map<String, String> files) {
            this(id, status, queuePosition, progress, folder, message, summary, files, null, null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(int done, int total, int failed, int notSent, double elapsedSeconds) {
        static Progress of(ProgressSnapshot snapshot) {
            return new Progress(snapshot.done(), snapshot.total(), snapshot.failed(), snapshot.notSent(), snapshot.elapsedSeconds());
        }
    }

    /** GET /runs: what waits, what runs, and the runs that wrote results, newest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunList(List<String> queued, String running, List<String> onWorkQueue, List<Map<String, Object>> runs) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Health(String status, int queueLength, String currentRun, Progress progress, Map<String, Object> lastRun) {
    }

    /** A file of a run folder, with the Content-Type to send it under. */
    public record RunFile(File file, String contentType) {
    }

    private final ApiSettings settings;
    private final CurrentRun currentRun;
    private final Sweeps sweeps;
    private final OutstandingRuns outstanding;
    private final WorkerRoster roster;

    /** @param outstanding what a coordinating `watch` has out on the work queue; @param roster the workers it heard */
    public RunLookup(ApiSettings settings, CurrentRun currentRun, Sweeps sweeps, OutstandingRuns outstanding, WorkerRoster roster) {
        this.settings = settings;
        this.currentRun = currentRun;
        this.sweeps = sweeps;
        this.outstanding = outstanding;
        this.roster = roster;
    }

    public RunView status(String id) {
        RunPlaces places = new RunPlaces(settings.current());
        RunPlaces.checkedId(id);
        Optional<SweepExecution> sweep = openSweep(id);
        if (sweep.isPresent()) {
            return new RunView(id, "running", null, currentRun.open().map(run -> Progress.of(run.progress().snapshot())).orElse(null),
                    sweep.get().folder().toString(), "sweep: " + sweep.get().runs().size() + " runs ended so far", null, null);
        }
        Optional<BenchmarkRun> open = openRun(id);
        if (open.isPresent()) {
            return new RunView(id, "running", null, Progress.of(open.get().progress().snapshot()), null, null, null, null);
        }
        if (places.running(id).isPresent()) {
            return new RunView(id, "queued", null, null, null, "taken from the inbox; waiting in the run queue for its turn", null, null);
        }
        if (places.queued(id).isPresent()) {
            return new RunView(id, "queued", places.queue().indexOf(id) + 1, null, null, null, null, null);
        }
        Optional<OutstandingRuns.Outstanding> remote = outstanding.named(id);
        if (remote.isPresent()) {
            return onWorkQueue(id, remote.get());
        }
        Path folder = places.ended(id).orElseThrow(() -> new ApiRequestException(404, "id", "no run " + id));
        return ended(id, folder);
    }

    /** @param limit the query's ?limit=, as text: a bad one is the caller's 400, not a conversion's 500 */
    public RunList list(String limit) {
        int count;
        try {
            count = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1) {
            throw new ApiRequestException(400, "limit", "limit must be a whole number of at least 1, not " + limit);
        }
        RunPlaces places = new RunPlaces(settings.current());
        List<Map<String, Object>> runs = new ArrayList<>(RunHistory.entries(places.outbox()));
        Collections.reverse(runs);
        List<String> remote = outstanding.all().stream().filter(run -> !run.isSweepPoint()).map(OutstandingRuns.Outstanding::name).toList();
        return new RunList(places.queue(), currentId().orElse(null), remote, runs.subList(0, Math.min(count, runs.size())));
    }

    /** results.json, results.csv, report.html, manifest.json or server_metrics.csv of the run's folder. */
    public RunFile file(String id, String name) {
        String contentType = FILES.get(name);
        if (contentType == null) {
            throw new ApiRequestException(404, "file", "no such run file: " + name + "; there are " + FILES.keySet());
        }
        return existing(endedFolder(id).resolve(name), contentType);
    }

    /** plots/NAME.png, as report.html links them. */
    public RunFile plot(String id, String name) {
        if (name == null || !PLOT.matcher(name).matches()) {
            throw new ApiRequestException(404, "plot", "no such plot: " + name);
        }
        return existing(endedFolder(id).resolve("plots").resolve(name), "image/png");
    }

    public Health health() {
        RunPlaces places = new RunPlaces(settings.current());
        Optional<BenchmarkRun> open = currentRun.open();
        List<Map<String, Object>> history = RunHistory.entries(places.outbox());
        return new Health("ok", places.queue().size(), currentId().orElse(null),
                open.map(run -> Progress.of(run.progress().snapshot())).orElse(null),
                history.isEmpty() ? null : history.get(history.size() - 1));
    }

    /** A run given to the workers: running on the worker that last said it runs it, or waiting on the broker for one. */
    private RunView onWorkQueue(String id, OutstandingRuns.Outstanding run) {
        Instant heardSince = Instant.now().minusMillis(Math.round(2000 * settings.current().decimal(Setting.WORK_HEARTBEAT_S)));
        Optional<Heartbeat> worker = roster.workers().stream()
                .filter(heartbeat -> run.workId().equals(heartbeat.workId()) && !Instant.parse(heartbeat.time()).isBefore(heardSince))
                .findFirst();
        if (worker.isPresent()) {
            return new RunView(id, "running", null, null, null, "on worker " + worker.get().worker() + " (" + worker.get().gpu() + ")",
                    null, null, run.workId(), worker.get().worker());
        }
        String requires = run.requires().isEmpty() ? "any worker" : "a worker serving " + run.requires();
        return new RunView(id, "queued", null, null, null, "on the work queue since " + run.submitted() + ", for " + requires,
                null, null, run.workId(), null);
    }

    /** A run of this id given to the workers and not yet collected. */
    Optional<OutstandingRuns.Outstanding> onWorkQueue(String id) {
        return outstanding.named(id);
    }

    Optional<BenchmarkRun> openRun(String id) {
        return currentRun.open().filter(run -> RunPlaces.idOf(run.dataset()).equals(id));
    }

    /** The sweep of this id, while it runs (its runs are not this id's: they are the sweep's dataset's). */
    Optional<SweepExecution> openSweep(String id) {
        return sweeps.running().filter(sweep -> RunPlaces.idOf(sweep.plan().sweepFile()).equals(id));
    }

    Optional<BenchmarkRun> currentRun() {
        return currentRun.open();
    }

    /** What runs now: the running sweep, or else the open run. */
    private Optional<String> currentId() {
        return sweeps.running().map(sweep -> RunPlaces.idOf(sweep.plan().sweepFile()))
                .or(() -> currentRun.open().map(run -> RunPlaces.idOf(run.dataset())));
    }

    private Path endedFolder(String id) {
        RunPlaces places = new RunPlaces(settings.current());
        RunPlaces.checkedId(id);
        return places.ended(id).orElseThrow(() -> places.queued(id).isPresent() || places.running(id).isPresent()
                ? new ApiRequestException(409, "id", "run " + id + " has not ended yet; GET /runs/" + id + " says how it is doing")
                : new ApiRequestException(404, "id", "no run " + id));
    }

    private static RunFile existing(Path file, String contentType) {
        if (!Files.isRegularFile(file)) {
            throw new ApiRequestException(404, "file", "the run folder has no " + file.getFileName());
        }
        return new RunFile(file.toFile(), contentType);
    }

    private static RunView ended(String id, Path folder) {
        Map<String, String> files = new LinkedHashMap<>();
        FILES.keySet().stream().sorted().filter(name -> Files.isRegularFile(folder.resolve(name)))
                .forEach(name -> files.put(name, "/runs/" + id + "/" + name));
        if (RunPlaces.isSweepFolder(folder)) {
            return endedSweep(id, folder, files);
        }
        Path results = folder.resolve("results.json");
        if (Files.isRegularFile(results)) {
            JsonNode document = read(results);
            ObjectNode summary = JSON.createObjectNode();
            SUMMARY.stream().filter(document::has).forEach(key -> summary.set(key, document.get(key)));
            String message = document.path("interrupt_reason").asText(document.path("failure_reason").asText(document.path("stop_reason").asText(null)));
            return new RunView(id, document.path("status").asText("completed"), null, null, folder.toString(), message, summary, files);
        }
        Path status = folder.resolve(RunFinisher.STATUS_FILE);
        if (Files.isRegularFile(status)) {
            JsonNode document = read(status);
            return new RunView(id, document.path("status").asText("failed"), null, null, folder.toString(),
                    document.path("message").asText(null), null, files);
        }
        return new RunView(id, "failed", null, null, folder.toString(), firstLine(folder.resolve("error.txt")), null, files);
    }

    /** An ended sweep: how it ended, and each run's status and figures from its summary. */
    private static RunView endedSweep(String id, Path folder, Map<String, String> files) {
        JsonNode summary = read(folder.resolve("summary.json"));
        ObjectNode view = JSON.createObjectNode();
        JsonNode rows = summary.path("rows");
        view.put("runs", rows.size());
        int completed = 0;
        for (JsonNode row : rows) {
            completed += "completed".equals(row.path("status").asText()) ? 1 : 0;
        }
        view.put("completed_runs", completed);
        view.set("rows", rows);
        if (summary.has("capacity")) {
            view.set("capacity", summary.get("capacity"));
        }
        // A sweep whose watch was killed mid-run still says "running" until it resumes: it is interrupted.
        String status = summary.path("status").asText("interrupted");
        return new RunView(id, "running".equals(status) ? "interrupted" : status, null, null, folder.toString(),
                summary.path("stop_reason").asText(null), view, files);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file).stream().findFirst().orElse(null) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
