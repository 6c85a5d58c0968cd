package dev.multilora.metrics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The finished records of a run, kept as primitive columns: about 100 bytes a request whatever its
 * prompt and output, so a million-request run fits a small heap. Prompts and generated texts are not
 * kept (results.csv has them, written as each request finishes). Read back as a list whose
 * {@link #get} builds each record on the fly. Appends are single-threaded (the aggregation of the
 * request split); reads happen after the last append.
 */
public final class RecordColumns extends AbstractList<RequestRecord> implements RandomAccess {
    private static final int NONE = Integer.MIN_VALUE;
    private static final byte STREAMED = 1;
    private static final byte TOKENS_COUNTED = 2;
    private static final byte FIRST_OF_ADAPTER = 4;
    private static final RequestOutcome[] OUTCOMES = RequestOutcome.values();

    private final ZoneId zone = ZoneId.systemDefault();
    private final Map<String, String> sharedStrings = new HashMap<>();
    private int size;
    private int[] requestId;
    private int[] line;
    private String[] adapter;
    private long[] startedAtMicros;
    private double[] latency;
    private double[] slotWait;
    private int[] completionTokens;
    private int[] promptTokens;
    private int[] httpStatus;
    private String[] error;
    private double[] ttft;
    private double[] scheduledOffset;
    private double[] startOffset;
    private double[] endOffset;
    private double[] adapterLoad;
    private byte[] outcome;
    private byte[] flags;
    private String[] endpoint;

    public RecordColumns(int expected) {
        allocate(Math.max(16, expected));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean add(RequestRecord record) {
        if (size == requestId.length) {
            allocate(size * 2);
        }
        int i = size;
        requestId[i] = orNone(record.requestId());
        line[i] = record.lineNumber();
        adapter[i] = shared(record.adapterName());
        startedAtMicros[i] = record.startedAt() == null ? Long.MIN_VALUE
                : record.startedAt().toInstant().getEpochSecond() * 1_000_000 + record.startedAt().getNano() / 1000;
        latency[i] = orNaN(record.latencySeconds());
        slotWait[i] = orNaN(record.slotWaitSeconds());
        completionTokens[i] = orNone(record.completionTokens());
        promptTokens[i] = orNone(record.promptTokens());
        httpStatus[i] = orNone(record.httpStatus());
        error[i] = shared(record.error());
        ttft[i] = record.stream() == null ? Double.NaN : record.stream().ttftSeconds();
        scheduledOffset[i] = orNaN(record.scheduledOffsetSeconds());
        startOffset[i] = orNaN(record.startOffsetSeconds());
        endOffset[i] = orNaN(record.endOffsetSeconds());
        adapterLoad[i] = orNaN(record.adapterLoadSeconds());
        outcome[i] = (byte) record.outcome().ordinal();
        endpoint[i] = shared(record.endpoint());
        flags[i] = (byte) ((record.stream() != null ? STREAMED : 0)
                | (record.stream() != null && record.stream().tokensCounted() ? TOKENS_COUNTED : 0)
                | (record.firstOfAdapter() ? FIRST_OF_ADAPTER : 0));
        size++;
        return true;
    }

    @Override
    public RequestRecord get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        StreamTiming stream = (flags[i] & STREAMED) != 0 ? new StreamTiming(ttft[i], (flags[i] & TOKENS_COUNTED) != 0) : null;
        return new RequestRecord(boxed(requestId[i]), line[i], null, adapter[i], startedAt(startedAtMicros[i]),
                boxed(latency[i]), boxed(slotWait[i]), boxed(completionTokens[i]), boxed(promptTokens[i]), null,
                boxed(httpStatus[i]), error[i], stream, boxed(scheduledOffset[i]), boxed(startOffset[i]), boxed(endOffset[i]),
                OUTCOMES[outcome[i]], boxed(adapterLoad[i]), (flags[i] & FIRST_OF_ADAPTER) != 0, endpoint[i]);
    }

    /**
     * Seconds from the first measured request sent to the last measured response, on the monotonic
     * clock: the span vLLM's benchmark divides by. Zero when fewer than one was sent.
     */
    public double sendingSpanSeconds() {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            if (requestId[i] != NONE && !Double.isNaN(startOffset[i]) && !Double.isNaN(endOffset[i])) {
                first = Math.min(first, startOffset[i]);
                last = Math.max(last, endOffset[i]);
            }
        }
        return last > first ? last - first : 0.0;
    }

    private OffsetDateTime startedAt(long micros) {
        if (micros == Long.MIN_VALUE) {
            return null;
        }
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
        return instant.atZone(zone).toOffsetDateTime();
    }

    /** Adapter names and error messages repeat across requests: one instance each. */
    private String shared(String value) {
        return value == null ? null : sharedStrings.computeIfAbsent(value, v -> v);
    }

    private void allocate(int capacity) {
        requestId = requestId == null ? new int[capacity] : Arrays.copyOf(requestId, capacity);
        line = line == null ? new int[capacity] : Arrays.copyOf(line, capacity);
        adapter = adapter == null ? new String[capacity] : Arrays.copyOf(adapter, capacity);
        startedAtMicros = startedAtMicros == null ? new long[capacity] : Arrays.copyOf(startedAtMicros, capacity);
        latency = grow(latency, capacity);
        slotWait = grow(slotWait, capacity);
        completionTokens = completionTokens == null ? new int[capacity] : Arrays.copyOf(completionTokens, capacity);
        promptTokens = promptTokens == null ? new int[capacity] : Arrays.copyOf(promptTokens, capacity);
        httpStatus = httpStatus == null ? new int[capacity] : Arrays.copyOf(httpStatus, capacity);
        error = error == null ? new String[capacity] : Arrays.copyOf(error, capacity);
        ttft = grow(ttft, capacity);
        scheduledOffset = grow(scheduledOffset, capacity);
        startOffset = grow(startOffset, capacity);
        endOffset = grow(endOffset, capacity);
        adapterLoad = grow(adapterLoad, capacity);
        outcome = outcome == null ? new byte[capacity] : Arrays.copyOf(outcome, capacity);
        flags = flags == null ? new byte[capacity] : Arrays.copyOf(flags, capacity);
        endpoint = endpoint == null ? new String[capacity] : Arrays.copyOf(endpoint, capacity);
    }

    private static double[] grow(double[] column, int capacity) {
        return column == null ? new double[capacity] : Arrays.copyOf(column, capacity);
    }

    private static int orNone(Integer value) {
        return value == null ? NONE : value;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static Integer boxed(int value) {
        return value == NONE ? null : value;
    }

    private static Double boxed(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
