package dev.multilora.report.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.Setting;
import dev.multilora.results.Comparison;
import dev.multilora.results.RunResults;
import dev.multilora.run.BenchmarkRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * outbox/runs.jsonl: one line per run that wrote results, appended while the run still holds the
 * lock, so lines never interleave. Each run is compared with the latest completed run of the same
 * dataset and config (a scheduled run: of the same schedule) before its own line is added.
 */
public final class RunHistory {
    static final String FILE = "runs.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The results with their comparison: the figures against the previous run, or why there is none.
     * A scheduled run is compared with its schedule's previous run (what a nightly regression check
     * asks), any other with the previous run of its dataset and config.
     */
    public RunResults addComparison(RunResults results, BenchmarkRun run) {
        Map<String, Object> current = entry(results, run);
        Object schedule = current.get("schedule");
        Map<String, Object> previous = null;
        for (Map<String, Object> earlier : read(file(run))) {
            boolean comparable = schedule != null ? schedule.equals(earlier.get("schedule"))
                    : current.get("dataset").equals(earlier.get("dataset")) && current.get("config_hash").equals(earlier.get("config_hash"));
            if ("completed".equals(earlier.get("status")) && comparable) {
                previous = earlier;
            }
        }
        if (previous == null) {
            return results.withComparison(Comparison.none(schedule != null
                    ? "no earlier completed run of schedule " + schedule + " in " + FILE
                    : "no earlier completed run of this dataset with this config in " + FILE, (String) current.get("config_hash")));
        }
        Comparison comparison = RunComparison.of(current, previous);
        if (!comparison.flagged().isEmpty()) {
            LOG.warn("worse than the previous run {}: {}", comparison.previousRun(), comparison.flagged());
        }
        return results.withComparison(comparison);
    }

    public void append(RunResults results, BenchmarkRun run) {
        try {
            String line = JSON.writeValueAsString(entry(results, run)) + "\n";
            Files.writeString(file(run), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file(run), e);
        }
    }

    /** The run's runs.jsonl line: what identifies it, and the figures RunComparison watches. */
    private static Map<String, Object> entry(RunResults results, BenchmarkRun run) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("run", run.folder().finished().getFileName().toString());
        entry.put("dataset", results.dataset().toString());
        entry.put("timestamp", results.timestamp());
        entry.put("status", results.status().label());
        entry.put("config_hash", ConfigFingerprint.of(results.config()));
        entry.put("successful_requests", results.counts().successful());
        entry.put("failed_requests", results.counts().failed());
        entry.put("requests_per_sec", results.metrics().requestsPerSec());
        entry.put("p95_latency", results.metrics().p95Latency());
        entry.put("mean_ttft_ms", results.serving().ttft().mean());
        entry.put("output_throughput", results.serving().outputThroughput());
        entry.put("schedule", results.schedule() == null ? null : results.schedule().name());
        return entry;
    }

    /** The runs.jsonl lines of an outbox, oldest first. */
    public static List<Map<String, Object>> entries(Path outbox) {
        return read(outbox.resolve(FILE));
    }

    /** Earlier entries, oldest first; a line that does not parse (a crash mid-write) is skipped. */
    private static List<Map<String, Object>> read(Path file) {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    if (!line.isBlank()) {
                        entries.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
                    }
                } catch (JsonProcessingException e) {
                    LOG.warn("skipping an unreadable line of {}: {}", file, e.getOriginalMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return entries;
    }

    private static Path file(BenchmarkRun run) {
        return run.config().path(Setting.OUTBOX).resolve(FILE);
    }
}
