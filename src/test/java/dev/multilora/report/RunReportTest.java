package dev.multilora.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.metrics.InterTokenLatencies;
import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.metrics.ResultsSummary;
import dev.multilora.report.plots.RunPlots;
import dev.multilora.results.RunResults;
import dev.multilora.results.TestResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    private static final Pattern IMG_SRC = Pattern.compile("<img[^>]*\\ssrc=\"([^\"]*)\"");

    @TempDir
    Path folder;

    private final RunReport report = new RunReport(new RunPlots(400, 250));

    private static List<RequestRecord> records() {
        List<RequestRecord> records = new ArrayList<>();
        for (int id = 1; id <= 12; id++) {
            records.add(new RequestRecord(id, id, "prompt " + id, id % 2 == 0 ? "sql_adapter" : "code_adapter",
                    START.plusNanos(id * 50_000_000L), 0.1 + id * 0.01, 0.0, 8, 4, "text", 200, null, null, null, null, null, RequestOutcome.OK, null, false, null));
        }
        records.add(new RequestRecord(13, 13, "p", "code_adapter", START, null, 0.0, null, null, null, 502, "HTTP 502: bad gateway", null, null, null, null, RequestOutcome.FAILED, null, false, null));
        return records;
    }

    /** A three-token stream per successful record, 10 ms between tokens. */
    private static InterTokenLatencies gaps(List<RequestRecord> records) {
        InterTokenLatencies gaps = new InterTokenLatencies();
        records.stream().filter(RequestRecord::succeeded)
                .forEach(record -> gaps.record(record.adapterName(), new long[] {0, 10_000_000, 20_000_000}, 3));
        return gaps;
    }

    /** Results as the report route hands them over, from the same records. */
    private static RunResults results(List<RequestRecord> records) {
        ResultsSummary summary = new ResultsSummary();
        return new TestResults()
                .counts(summary.counts(records))
                .metrics(summary.metrics(records, 0.8))
                .adapterStats(summary.statsByAdapter(records, null))
                .invalidLines(summary.invalidLines(records))
                .build();
    }

    @Test
    void thePageShowsOnlyPlotsThatExistBesideIt() throws IOException {
        List<RequestRecord> records = records();

        report.writeInto(folder, records, gaps(records), List.of(), results(records), null);

        String html = Files.readString(folder.resolve("report.html"));
        List<String> sources = new ArrayList<>();
        Matcher img = IMG_SRC.matcher(html);
        while (img.find()) {
            sources.add(img.group(1));
        }
        assertEquals(7, sources.size(), html);
        assertTrue(sources.contains("plots/adapter_itl_cdf.png"), sources.toString());
        for (String source : sources) {
            assertTrue(source.startsWith("plots/"), source);
            assertTrue(Files.isRegularFile(folder.resolve(source)), source + " exists in the run folder");
        }
        assertTrue(html.contains("<div class=\"label\">requests</div><div class=\"value\">12 ok</div>"), html);
        assertTrue(html.contains("<tr><td>sql_adapter</td>"), html);
        assertTrue(html.contains("<td>HTTP 502: bad gateway</td><td>1</td>"), html);
    }

    @Test
    void aRunWithoutSuccessesLinksOnlyThePlotItHas() throws IOException {
        List<RequestRecord> failed = List.of(records().get(12));

        report.writeInto(folder, failed, new InterTokenLatencies(), List.of(), results(failed), null);

        String html = Files.readString(folder.resolve("report.html"));
        Matcher img = IMG_SRC.matcher(html);
        assertTrue(img.find());
        assertEquals("plots/adapter_requests.png", img.group(1));
        assertFalse(img.find(), "no other plot is linked");
        try (var written = Files.list(folder.resolve("plots"))) {
            assertEquals(List.of("adapter_requests.png"), written.map(p -> p.getFileName().toString()).toList());
        }
    }
}
