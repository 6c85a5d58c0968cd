package dev.multilora.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordColumnsTest {
    private static final OffsetDateTime STARTED = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 123_456_000,
            ZoneId.systemDefault().getRules().getOffset(java.time.Instant.parse("2026-03-04T05:06:07Z")));

    private static final RequestRecord STREAMED = new RequestRecord(7, 12, "prompt", "alpha", STARTED, 1.5, 0.25, 64, 9, "text",
            200, null, new StreamTiming(0.125, true), 2.0, 2.5, 4.0, RequestOutcome.OK, 0.04, true, null);
    private static final RequestRecord FAILED = new RequestRecord(8, 13, "p", "beta", STARTED, null, 0.0, null, null, null,
            500, "HTTP 500: boom", null, 2.0, 2.25, 2.5, RequestOutcome.FAILED, null, false, null);
    private static final RequestRecord INVALID = new RequestRecord(null, 14, null, null, null, null, null, null, null, null,
            null, "not valid UTF-8", null, null, null, null, RequestOutcome.INVALID_LINE, null, false, null);

    @Test
    void recordsReadBackAsTheyWentInWithoutTheirTexts() {
        RecordColumns columns = new RecordColumns(1);
        List.of(STREAMED, FAILED, INVALID).forEach(columns::add);

        assertEquals(3, columns.size(), "grows past its first capacity");
        assertEquals(STREAMED.withoutTexts(), columns.get(0));
        assertEquals(FAILED.withoutTexts(), columns.get(1));
        assertEquals(INVALID, columns.get(2));
        assertNull(columns.get(0).prompt());
    }

    @Test
    void theSendingSpanRunsFromTheFirstSendToTheLastEnd() {
        RecordColumns columns = new RecordColumns(4);
        List.of(STREAMED, FAILED, INVALID).forEach(columns::add);

        assertEquals(4.0 - 2.25, columns.sendingSpanSeconds(), 1e-12, "a failure's send counts, an invalid line does not");
    }

    @Test
    void selectionsAreViewsInOrderAndByAdapter() {
        RecordColumns columns = new RecordColumns(4);
        List.of(FAILED, STREAMED, INVALID).forEach(columns::add);

        assertEquals(List.of(STREAMED.withoutTexts()), RecordSelection.where(columns, RequestRecord::succeeded));
        Map<String, List<RequestRecord>> byAdapter = RecordSelection.byAdapter(RecordSelection.where(columns, RequestRecord::isMeasured));
        assertEquals(List.of("alpha", "beta"), List.copyOf(byAdapter.keySet()));
        assertEquals(8, byAdapter.get("beta").get(0).requestId());
        assertEquals(1, RecordSelection.values(columns, RequestRecord::ttftSeconds).length);
    }
}
