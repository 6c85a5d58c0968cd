package dev.multilora.report.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.metrics.InterTokenLatencies;
import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.metrics.StreamTiming;
import dev.multilora.server.metrics.ServerMetricsSeries;
import dev.multilora.server.metrics.ServerState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlotsTest {
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final List<String> EVERY_PLOT = List.of("adapter_ttft_cdf.png", "adapter_tpot_cdf.png", "adapter_itl_cdf.png", "latency_histogram.png", "latency_cdf.png", "adapter_latency.png",
            "adapter_requests.png", "throughput.png", "in_flight.png");

    private static final SortedMap<String, Histogram> NO_GAPS = new TreeMap<>();

    @TempDir
    Path folder;

    /** The gaps between tokens of aRun()'s streams: 20 ms and 30 ms ones. */
    static SortedMap<String, Histogram> aRunsGaps() {
        InterTokenLatencies gaps = new InterTokenLatencies();
        gaps.record("code_adapter", new long[] {0, 20_000_000, 40_000_000}, 3);
        gaps.record("math_adapter", new long[] {0, 30_000_000, 60_000_000}, 3);
        return gaps.histograms();
    }

    static RequestRecord success(int id, String adapter, double startSeconds, double latency) {
        return new RequestRecord(id, id, "prompt " + id, adapter, START.plusNanos((long) (startSeconds * 1e9)), latency, 0.0,
                10, 5, "text", 200, null, new StreamTiming(latency / 4, false), null, null, null, RequestOutcome.OK, null, false, null);
    }

    static RequestRecord failure(int id, String adapter, double startSeconds) {
        return new RequestRecord(id, id, "prompt " + id, adapter, START.plusNanos((long) (startSeconds * 1e9)), null, 0.0,
                null, null, null, 500, "HTTP 500: boom", null, null, null, null, RequestOutcome.FAILED, null, false, null);
    }

    static RequestRecord invalidLine(int line) {
        return new RequestRecord(null, line, null, null, null, null, null, null, null, null, null, "missing \"prompt\"", null, null, null, null, RequestOutcome.INVALID_LINE, null, false, null);
    }

    /** Three seconds of traffic on two adapters, with a failure and an invalid line. */
    static List<RequestRecord> aRun() {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(success(i + 1, i % 3 == 0 ? "math_adapter" : "code_adapter", i * 0.1, 0.05 + (i % 7) * 0.04));
        }
        records.add(failure(31, "code_adapter", 1.0));
        records.add(invalidLine(40));
        return records;
    }

    @Test
    void everyPlotIsAPngOfTheConfiguredSize() throws IOException {
        List<Path> written = new RunPlots(800, 500).write(aRun(), aRunsGaps(), List.of(), folder.resolve("plots"));

        assertEquals(EVERY_PLOT, written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path png : written) {
            byte[] bytes = Files.readAllBytes(png);
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), png.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " decodes");
            assertEquals(800, image.getWidth());
            assertEquals(500, image.getHeight());
        }
    }

    @Test
    void plotsWithoutDataAreSkippedNotWritten() {
        List<RequestRecord> allFailed = List.of(failure(1, "math_adapter", 0), failure(2, "code_adapter", 0.5), invalidLine(3));

        List<Path> written = new RunPlots(640, 400).write(allFailed, NO_GAPS, List.of(), folder.resolve("plots"));

        assertEquals(List.of(folder.resolve("plots/adapter_requests.png")), written);
        assertFalse(Files.exists(folder.resolve("plots/latency_histogram.png")));
        assertFalse(Files.exists(folder.resolve("plots/throughput.png")));
    }

    @Test
    void nothingAtAllWritesNoPlotsFolder() {
        List<Path> written = new RunPlots(640, 400).write(List.of(invalidLine(1)), NO_GAPS, List.of(), folder.resolve("plots"));

        assertEquals(List.of(), written);
        assertFalse(Files.exists(folder.resolve("plots")));
    }

    @Test
    void equalLatenciesStillDrawAHistogram() throws IOException {
        List<RequestRecord> same = List.of(success(1, "a", 0, 0.2), success(2, "a", 0, 0.2));

        new RunPlots(640, 400).write(same, NO_GAPS, List.of(), folder);

        assertNotNull(ImageIO.read(folder.resolve("latency_histogram.png").toFile()));
    }

    @Test
    void theTimelineDrawsEverySentRequestAndTheServersAdaptersOnTheSameAxis() throws IOException {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double start = i * 0.25;
            records.add(new RequestRecord(i + 1, i + 1, "p", i % 2 == 0 ? "code_adapter" : "math_adapter",
                    START.plusNanos((long) (start * 1e9)), 0.5, 0.0, 10, 5, "text", 200, null, null, start, start, start + 0.5,
                    RequestOutcome.OK, null, false, null));
        }
        List<ServerMetricsSeries.Scrape> scrapes = List.of(
                new ServerMetricsSeries.Scrape(0, START, state("code_adapter", "math_adapter")),
                new ServerMetricsSeries.Scrape(1, START.plusSeconds(1), state("code_adapter,math_adapter", "")),
                new ServerMetricsSeries.Scrape(2, START.plusSeconds(2), state("math_adapter", "")));

        List<Path> written = new RunPlots(800, 500).write(records, NO_GAPS, scrapes, folder.resolve("plots"));

        List<String> names = written.stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("request_timeline.png", "server_adapters.png"), names.subList(0, 2), names.toString());
        assertNotNull(ImageIO.read(folder.resolve("plots/request_timeline.png").toFile()));
        assertNotNull(ImageIO.read(folder.resolve("plots/server_adapters.png").toFile()));
    }

    @Test
    void aFleetGetsOneLatencyCurvePerServer() throws IOException {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RequestRecord one = success(i + 1, "code_adapter", i * 0.1, 0.05 + (i % 5) * 0.02);
            records.add(new RequestRecord(one.requestId(), one.lineNumber(), one.prompt(), one.adapterName(), one.startedAt(),
                    one.latencySeconds(), one.slotWaitSeconds(), one.completionTokens(), one.promptTokens(), one.generatedText(),
                    one.httpStatus(), one.error(), one.stream(), one.scheduledOffsetSeconds(), one.startOffsetSeconds(),
                    one.endOffsetSeconds(), one.outcome(), one.adapterLoadSeconds(), one.firstOfAdapter(),
                    i % 2 == 0 ? "http://gpu-1:8000" : "http://gpu-2:8000"));
        }

        List<Path> written = new RunPlots(800, 500).write(records, NO_GAPS, List.of(), folder.resolve("plots"));
        List<Path> single = new RunPlots(800, 500).write(aRun(), NO_GAPS, List.of(), folder.resolve("single"));

        assertTrue(written.contains(folder.resolve("plots/endpoint_latency_cdf.png")), written.toString());
        assertFalse(single.stream().anyMatch(p -> p.getFileName().toString().startsWith("endpoint")), "one server: no such plot");
    }

    @Test
    void requestsNeverSentHaveNoTimeline() throws IOException {
        List<Path> written = new RunPlots(800, 500).write(aRun(), NO_GAPS, List.of(), folder.resolve("plots"));

        assertFalse(written.stream().anyMatch(p -> p.getFileName().toString().equals("request_timeline.png")));
    }

    private static ServerState state(String running, String waiting) {
        return new ServerState(1.0, 0.0, 0.1, running, waiting, 0.0, 0.0, 2);
    }
}
