package dev.multilora.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multilora.metrics.ColdStarts;
import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.csv as {@link ResultsCsv} writes it, read back with a standard CSV reader. */
class CsvRowsTest {
    private static final ColdStarts UNKNOWN_COLD_STARTS = new ColdStarts(false, "base");
    private static final OffsetDateTime STARTED = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_789, ZoneOffset.UTC);

    @TempDir
    Path folder;

    private static RequestRecord success(int id, String prompt, double latency) {
        return new RequestRecord(id, id + 10, prompt, "alpha", STARTED, latency, 0.5, 42, 7, "generated " + id, 200, null, null, 1.25, 1.875, null, RequestOutcome.OK, null, false,
                "http://gpu-1:8000");
    }

    private static RequestRecord failure(int id) {
        return new RequestRecord(id, id + 10, "p", "beta", STARTED, null, 0.0, null, null, null, 404, "HTTP 404: gone", null, 0.5, 0.5, null, RequestOutcome.FAILED, null, false, null);
    }

    private List<List<String>> written(List<RequestRecord> records) throws IOException {
        Path file = folder.resolve("results.csv");
        try (ResultsCsv csv = new ResultsCsv(file, UNKNOWN_COLD_STARTS)) {
            records.forEach(csv::add);
        }
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
            return parser.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    private List<String> onlyRow(RequestRecord record) throws IOException {
        List<List<String>> rows = written(List.of(record));
        assertEquals(2, rows.size());
        return rows.get(1);
    }

    @Test
    void headerIsApiColumnsThenExtras() throws IOException {
        List<String> header = written(List.of()).get(0);
        assertEquals(List.of("request_id", "prompt", "adapter_name", "latency", "num_tokens", "generated_text", "error",
                "timestamp"), header.subList(0, 8));
        assertEquals(List.of("line", "ttft", "tpot", "prompt_tokens", "http_status", "slot_wait", "start_offset", "scheduled_offset",
                "adapter_cold", "adapter_load_ms", "endpoint"), header.subList(8, header.size()));
    }

    @Test
    void successfulRow() throws IOException {
        assertEquals(List.of("3", "hello", "alpha", "0.25", "42", "generated 3", "", "2026-01-02T03:04:05.123+00:00",
                "13", "", "", "7", "200", "0.5", "1.875", "1.25", "", "", "http://gpu-1:8000"), onlyRow(success(3, "hello", 0.25)));
    }

    @Test
    void failedRowHasEmptyLatencyAndTokens() throws IOException {
        assertEquals(List.of("4", "p", "beta", "", "", "", "HTTP 404: gone", "2026-01-02T03:04:05.123+00:00",
                "14", "", "", "", "404", "0", "0.5", "0.5", "", "", ""), onlyRow(failure(4)));
    }

    @Test
    void invalidLineRowHasOnlyLineAndError() throws IOException {
        RequestRecord invalid = new RequestRecord(null, 8, null, null, null, null, null, null, null, null, null, "missing \"prompt\"", null, null, null, null, RequestOutcome.INVALID_LINE, null, false, null);
        assertEquals(List.of("", "", "", "", "", "", "missing \"prompt\"", "", "8", "", "", "", "", "", "", "", "", "", ""), onlyRow(invalid));
    }

    @Test
    void latencyIsNeverInExponentNotation() throws IOException {
        assertEquals("0.00015", onlyRow(success(1, "p", 1.5E-4)).get(3));
        assertEquals("0.000000123", onlyRow(success(1, "p", 1.23E-7)).get(3));
        assertEquals("12345678.9", onlyRow(success(1, "p", 1.23456789E7)).get(3));
    }

    @Test
    void latencyWithWholeMantissaHasNoTrailingZero() throws IOException {
        assertEquals("0.0001", onlyRow(success(1, "p", 1.0E-4)).get(3));
        assertEquals("0.00002", onlyRow(success(1, "p", 2.0E-5)).get(3));
    }

    @Test
    void timestampKeepsItsOffset() throws IOException {
        RequestRecord tokyo = new RequestRecord(1, 1, "p", "alpha", OffsetDateTime.of(2026, 12, 31, 23, 59, 59, 5_000_000,
                ZoneOffset.ofHours(9)), 0.1, 0.0, 1, 1, "x", 200, null, null, null, null, null, RequestOutcome.OK, null, false, null);
        assertEquals("2026-12-31T23:59:59.005+09:00", onlyRow(tokyo).get(7));
    }

    @Test
    void rowsFollowRequestIdThenInvalidLines() throws IOException {
        RequestRecord invalid = new RequestRecord(null, 2, null, null, null, null, null, null, null, null, null, "bad", null, null, null, null, RequestOutcome.INVALID_LINE, null, false, null);
        RequestRecord laterInvalid = new RequestRecord(null, 1, null, null, null, null, null, null, null, null, null, "worse", null, null, null, null, RequestOutcome.INVALID_LINE, null, false, null);
        List<List<String>> rows = written(List.of(invalid, success(2, "b", 0.1), success(3, "c", 0.1), laterInvalid, success(1, "a", 0.1)));
        assertEquals(List.of("1", "2", "3", "", ""), rows.subList(1, 6).stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("1", "2"), rows.subList(4, 6).stream().map(r -> r.get(8)).toList(), "invalid lines by line");
    }

    @Test
    void awkwardTextSurvivesACommonsCsvRoundTrip() throws IOException {
        List<String> prompts = List.of("a, b, c", "say \"hi\" and \"\"bye\"\"", "line one\nline two", "carriage\rreturn",
                "windows\r\nline", "trailing CR\r", "emoji 😀🚀", "日本語のプロンプト、です。", " padded ", "");
        List<RequestRecord> records = IntStream.range(0, prompts.size())
                .mapToObj(i -> success(i + 1, prompts.get(i), 0.1)).toList();
        List<List<String>> parsed = written(records);

        assertEquals(prompts, parsed.subList(1, parsed.size()).stream().map(r -> r.get(1)).toList());
    }
}
