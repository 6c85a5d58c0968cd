package dev.multilora.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.multilora.config.ConfigLoader;
import dev.multilora.metrics.ColdStarts;
import dev.multilora.metrics.InterTokenLatencies;
import dev.multilora.metrics.RecordColumns;
import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.results.RunResults;
import dev.multilora.metrics.StreamTiming;
import dev.multilora.report.html.ReportPage;
import dev.multilora.report.plots.RunPlots;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.RunRequest;
import dev.multilora.run.RunStarter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * How long each report bean takes on a large synthetic run: prints seconds per step, asserts
 * nothing. Run through bench/report-scale.sh [requests] [adapters].
 */
public final class ReportScale {
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    private static final int ITL_GAPS = 64;
    private static final double FAILURE_SHARE = 0.02;
    private static final double REQUESTS_PER_SECOND = 200;

    private ReportScale() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int adapters = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path work = Files.createTempDirectory("report-scale");
        BenchmarkRun run = openRun(work);
        List<RequestRecord> completed = time("build records", () -> records(requests, adapters, new Random(42), run.interTokenLatencies()));
        System.out.printf("%,d records, %d adapters, %d ITL gaps per stream, in %s%n", completed.size(), adapters, ITL_GAPS, work);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        double total = 0;
        RecordColumns records = new RecordColumns(completed.size());
        time("results.csv row by row + compact columns (as the request split does)", () -> {
            try (ResultsCsv csv = new ResultsCsv(work.resolve("results.csv"), new ColdStarts(false, "base-model"))) {
                completed.forEach(record -> {
                    csv.add(record);
                    records.add(record);
                });
            }
            return records;
        });
        total += lastSeconds;
        RunResults results = time("runResultsBuilder.build", () -> new RunResultsBuilder().build(records, run));
        total += lastSeconds;
        time("  results.json (Jackson)", () -> write(work.resolve("results.json"), json.writeValueAsBytes(new ResultsJson().render(results))));
        total += lastSeconds;
        Map<String, Object> manifest = time("runManifest.build", () -> new RunManifest().build(records, run));
        total += lastSeconds;
        time("  manifest.json (Jackson)", () -> write(work.resolve("manifest.json"), json.writeValueAsBytes(manifest)));
        total += lastSeconds;
        time("coldStarts, known (not reached above: no fresh server)", () -> {
            ColdStarts cold = new ColdStarts(true, "base-model");
            records.forEach(cold::isCold);
            return cold.perAdapter(records);
        });
        total += lastSeconds;
        List<Path> plots = time("runPlots.write", () -> new RunPlots(800, 500).write(records, run.interTokenLatencies().histograms(), List.of(), work.resolve("plots")));
        total += lastSeconds;
        List<String> links = plots.stream().map(p -> work.relativize(p).toString()).toList();
        time("reportPage.render", () -> new ReportPage().render(results, records, links, null));
        total += lastSeconds;
        System.out.printf("%-58s %8.2f s%n", "total", total);
    }

    private static double lastSeconds;

    private static <T> T time(String step, Callable<T> work) throws Exception {
        long start = System.nanoTime();
        T result = work.call();
        lastSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-58s %8.2f s%n", step, lastSeconds);
        return result;
    }

    /** Streamed requests at a steady rate, in completion order as the benchmark stage collects them. */
    static List<RequestRecord> records(int requests, int adapters, Random random, InterTokenLatencies interTokenLatencies) {
        List<RequestRecord> records = new ArrayList<>(requests + 10);
        for (int id = 1; id <= requests; id++) {
            String adapter = "adapter_" + (id * 7919 % adapters);
            double start = id / REQUESTS_PER_SECOND;
            OffsetDateTime startedAt = START.plusNanos((long) (start * 1e9));
            if (random.nextDouble() < FAILURE_SHARE) {
                records.add(new RequestRecord(id, id, "prompt " + id, adapter, startedAt, null, 0.001, null, null, null, 500,
                        "HTTP 500: error " + random.nextInt(5), null, start, start, start + 0.01, RequestOutcome.FAILED, null, false, null));
                continue;
            }
            double ttft = 0.02 + random.nextDouble() * 0.2;
            long[] events = new long[ITL_GAPS + 1];
            double latency = ttft;
            for (int gap = 0; gap < ITL_GAPS; gap++) {
                double seconds = 0.01 + random.nextExponential() * 0.01;
                latency += seconds;
                events[gap + 1] = events[gap] + (long) (seconds * 1e9);
            }
            interTokenLatencies.record(adapter, events, events.length);
            records.add(new RequestRecord(id, id, "prompt " + id, adapter, startedAt, latency, random.nextDouble() * 0.01,
                    ITL_GAPS + 1, 20 + random.nextInt(50), "generated text of request " + id, 200, null,
                    new StreamTiming(ttft, false), start - 0.001, start, start + latency, RequestOutcome.OK, null, false, null));
        }
        for (int line = 1; line <= 10; line++) {
            records.add(new RequestRecord(null, requests + line, null, null, null, null, null, null, null, null, null,
                    "missing \"prompt\"", null, null, null, null, RequestOutcome.INVALID_LINE, null, false, null));
        }
        records.sort(Comparator.comparingDouble(r -> r.startOffsetSeconds() == null ? Double.MAX_VALUE
                : r.startOffsetSeconds() + (r.latencySeconds() == null ? 0 : r.latencySeconds())));
        return records;
    }

    private static BenchmarkRun openRun(Path work) throws IOException, InterruptedException {
        Path dataset = Files.writeString(work.resolve("data.jsonl"), "{\"prompt\": \"p\"}\n");
        Path config = Files.writeString(work.resolve("config.yaml"),
                "model:\n  name: base-model\npaths:\n  outbox: " + work.resolve("outbox") + "\n");
        ConfigLoader loader = new ConfigLoader(Map.of(), new Properties(), work);
        return new RunStarter(loader, new dev.multilora.observe.CurrentRun(), new dev.multilora.run.RunCancellations()).open(new RunRequest(dataset, config, Map.of(), RunRequest.BENCH, work));
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }
}
