package dev.multilora.client;

import dev.multilora.config.Setting;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.metrics.StreamTiming;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.PlannedRequest;
import dev.multilora.run.RunAbortedException;
import dev.multilora.server.ServerFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The life of one completion request as the benchmark route runs it: wait for a slot, build the
 * body, mark the send, read the response into a {@link RequestRecord}, free the slot. Latency runs
 * from {@link #markSent} to the response's last byte, on the monotonic clock; the slot wait is kept
 * apart from it.
 */
public final class CompletionCall {
    static final String REQUEST = "request";
    /** The error of requests left unsent when a stop condition ended the run early. */
    public static final String NOT_SENT = "not sent: the run stopped early: ";
    private static final String SLOT_WAIT_NANOS = "slotWaitNanos";
    private static final String SENT_NANOS = "sentNanos";
    private static final String SENT_AT = "sentAt";
    private static final String START_OFFSET = "startOffsetSeconds";
    private static final String HOLDS_SLOT = "holdsSlot";

    private final CompletionRequestBody bodies = new CompletionRequestBody();
    private final CompletionResponseParser parser = new CompletionResponseParser();
    private final SseCompletionReader sseReader = new SseCompletionReader();

    public void acquireSlot(Exchange exchange) throws InterruptedException {
        long waited = run(exchange).slots().acquire();
        exchange.setProperty(HOLDS_SLOT, true);
        exchange.setProperty(SLOT_WAIT_NANOS, waited);
    }

    public void releaseSlot(Exchange exchange) {
        if (exchange.removeProperty(HOLDS_SLOT) != null) {
            run(exchange).slots().release();
        }
    }

    /** The body to send; a server already known dead fails the request here, without waiting for a timeout. */
    public Map<String, Object> requestBody(Exchange exchange) {
        BenchmarkRun run = run(exchange);
        run.server().deathNotice().ifPresent(notice -> {
            throw new ServerFailedException(notice);
        });
        if (request(exchange).isMeasured()) {
            run.stopReason().ifPresent(reason -> {
                throw new RunAbortedException(NOT_SENT + reason);
            });
        }
        return bodies.build(request(exchange), run.config());
    }

    /**
     * The request id (measured requests only; vLLM uses it as the base of its own id) and the API
     * key, when there is one, as the Bearer token vLLM expects.
     */
    public void headers(Exchange exchange) {
        Integer requestId = request(exchange).requestId();
        if (requestId != null) {
            exchange.getMessage().setHeader("X-Request-Id", requestId.toString());
        }
        run(exchange).config().optionalString(Setting.SERVER_API_KEY)
                .ifPresent(key -> exchange.getMessage().setHeader("Authorization", "Bearer " + key));
    }

    public void markSent(Exchange exchange) {
        exchange.setProperty(SENT_AT, OffsetDateTime.now());
        long now = System.nanoTime();
        exchange.setProperty(SENT_NANOS, now);
        exchange.setProperty(START_OFFSET, (now - run(exchange).requestPhaseStartNanos()) / 1e9);
    }

    /**
     * Reads the response straight off the connection: the route's very next step after the HTTP
     * producer, with stream caching off, so each server-sent event is timed as it arrives.
     */
    public RequestRecord read(Exchange exchange) throws IOException {
        return counted(exchange, readResponse(exchange));
    }

    private RequestRecord readResponse(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        long sent = exchange.getProperty(SENT_NANOS, Long.class);
        PlannedRequest request = request(exchange);
        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
            if (status == 200 && contentType.startsWith("text/event-stream")) {
                return streamed(exchange, request, sseReader.read(in), sent, status);
            }
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            double latency = secondsSince(sent);
            CompletionResponse response = parser.parse(status, body);
            return new RequestRecord(request.requestId(), request.lineNumber(), request.prompt(), request.adapterName(),
                    exchange.getProperty(SENT_AT, OffsetDateTime.class),
                    response.succeeded() ? latency : null, slotWait(exchange),
                    response.completionTokens(), response.promptTokens(), response.text(), status, response.error(), null,
                    request.scheduledOffsetSeconds(), startOffset(exchange));
        }
    }

    /** E2EL is the time of the last content event, as vLLM's benchmark takes it (usage and [DONE] excluded). */
    private RequestRecord streamed(Exchange exchange, PlannedRequest request, StreamedCompletion stream, long sent, int status) {
        OffsetDateTime sentAt = exchange.getProperty(SENT_AT, OffsetDateTime.class);
        if (stream.error() != null) {
            return new RequestRecord(request.requestId(), request.lineNumber(), request.prompt(), request.adapterName(),
                    sentAt, null, slotWait(exchange), null, null, null, status, stream.error(), null,
                    request.scheduledOffsetSeconds(), startOffset(exchange));
        }
        List<Long> events = stream.contentEventNanos();
        List<Double> gaps = new ArrayList<>(events.size());
        for (int i = 1; i < events.size(); i++) {
            gaps.add((events.get(i) - events.get(i - 1)) / 1e9);
        }
        StreamTiming timing = new StreamTiming((events.get(0) - sent) / 1e9, gaps, stream.tokensCounted());
        double e2el = (events.get(events.size() - 1) - sent) / 1e9;
        return new RequestRecord(request.requestId(), request.lineNumber(), request.prompt(), request.adapterName(),
                sentAt, e2el, slotWait(exchange), stream.completionTokens(), stream.promptTokens(), stream.text(),
                status, null, timing, request.scheduledOffsetSeconds(), startOffset(exchange));
    }

    /** No response at all: refused connection, timeout, reset, or a server that died. */
    public RequestRecord transportFailure(Exchange exchange) throws InterruptedException {
        return counted(exchange, failedWithoutResponse(exchange));
    }

    private RequestRecord failedWithoutResponse(Exchange exchange) throws InterruptedException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        PlannedRequest request = request(exchange);
        String error = run(exchange).server().deathNoticeAfterFailure().orElseGet(() -> describe(cause, run(exchange)));
        return new RequestRecord(request.requestId(), request.lineNumber(), request.prompt(), request.adapterName(),
                exchange.getProperty(SENT_AT, OffsetDateTime.class), null, slotWait(exchange),
                null, null, null, null, error, null, request.scheduledOffsetSeconds(), startOffset(exchange));
    }

    /** A request that was planned but never sent: an invalid line or an unknown adapter. */
    public RequestRecord notSent(Exchange exchange) {
        PlannedRequest request = request(exchange);
        return new RequestRecord(request.requestId(), request.lineNumber(), request.prompt(), request.adapterName(),
                null, null, null, null, null, null, null, request.problem(), null, request.scheduledOffsetSeconds(), null);
    }

    private static String describe(Exception cause, BenchmarkRun run) {
        if (cause == null) {
            return "request failed";
        }
        if (cause instanceof RunAbortedException) {
            return cause.getMessage();
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (cause instanceof ConnectException || root instanceof ConnectException) {
            return "connection refused by " + run.baseUrl() + ": " + cause.getMessage();
        }
        if (cause instanceof SocketTimeoutException || root instanceof SocketTimeoutException) {
            return "timed out: no response within benchmark.request_timeout_s";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static RequestRecord counted(Exchange exchange, RequestRecord record) {
        if (record.isMeasured() && !(record.error() != null && record.error().startsWith(NOT_SENT))) {
            run(exchange).countFinished(record.succeeded());
        }
        return record;
    }

    private static Double slotWait(Exchange exchange) {
        Long nanos = exchange.getProperty(SLOT_WAIT_NANOS, Long.class);
        return nanos == null ? null : nanos / 1e9;
    }

    private static Double startOffset(Exchange exchange) {
        return exchange.getProperty(START_OFFSET, Double.class);
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static PlannedRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, PlannedRequest.class);
    }

    private static BenchmarkRun run(Exchange exchange) {
        return exchange.getProperty("run", BenchmarkRun.class);
    }
}
