package dev.multilora.report;

import dev.multilora.metrics.ColdStarts;
import dev.multilora.metrics.RequestRecord;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * results.csv's columns as text: API.md's eight in its order, then this project's additions.
 */
public final class CsvRows {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    enum Column {
        REQUEST_ID("request_id", r -> text(r.requestId())),
        PROMPT("prompt", r -> text(r.prompt())),
        ADAPTER_NAME("adapter_name", r -> text(r.adapterName())),
        LATENCY("latency", r -> seconds(r.latencySeconds())),
        NUM_TOKENS("num_tokens", r -> text(r.completionTokens())),
        GENERATED_TEXT("generated_text", r -> text(r.generatedText())),
        ERROR("error", r -> text(r.error())),
        TIMESTAMP("timestamp", r -> r.startedAt() == null ? "" : CsvRows.TIMESTAMP.format(r.startedAt())),
        LINE("line", r -> text(r.lineNumber())),
        TTFT("ttft", r -> seconds(r.ttftSeconds())),
        TPOT("tpot", r -> seconds(r.tpotSeconds())),
        PROMPT_TOKENS("prompt_tokens", r -> text(r.promptTokens())),
        HTTP_STATUS("http_status", r -> text(r.httpStatus())),
        SLOT_WAIT("slot_wait", r -> seconds(r.slotWaitSeconds())),
        START_OFFSET("start_offset", r -> seconds(r.startOffsetSeconds())),
        SCHEDULED_OFFSET("scheduled_offset", r -> seconds(r.scheduledOffsetSeconds())),
        ADAPTER_COLD("adapter_cold", (r, cold) -> text(cold.isCold(r))),
        ADAPTER_LOAD_MS("adapter_load_ms", r -> r.adapterLoadSeconds() == null ? "" : seconds(r.adapterLoadSeconds() * 1000)),
        ENDPOINT("endpoint", r -> text(r.endpoint()));

        final String header;
        final BiFunction<RequestRecord, ColdStarts, String> value;

        Column(String header, Function<RequestRecord, String> value) {
            this(header, (record, cold) -> value.apply(record));
        }

        Column(String header, BiFunction<RequestRecord, ColdStarts, String> value) {
            this.header = header;
            this.value = value;
        }
    }

    public static List<String> header() {
        return Arrays.stream(Column.values()).map(c -> c.header).toList();
    }

    public static List<String> row(RequestRecord record, ColdStarts coldStarts) {
        return Arrays.stream(Column.values()).map(c -> c.value.apply(record, coldStarts)).toList();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Full precision, never in exponent notation. */
    private static String seconds(Double value) {
        return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
