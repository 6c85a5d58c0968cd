package dev.multilora.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.Setting;
import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.metrics.StreamTiming;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.Dispatch;
import dev.multilora.run.PlannedRequest;
import dev.multilora.run.RequestWorker;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.component.http.HttpProducer;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;

/**
 * The life of one dispatched request as the completion route runs it: build the body and headers
 * and mark the send, read the response off the connection into a {@link RequestRecord}, free the
 * slot. Latency runs from {@link #prepare} to the response's last content, on the monotonic clock.
 */
public final class CompletionCall {
    private static final String DISPATCH = "dispatch";
    private static final String SENT_NANOS = "sentNanos";
    private static final String SENT_AT = "sentAt";
    private static final String SERVER_ENDPOINTS = "serverEndpoints";
    private static final String ENDPOINT = "endpoint";
    private static final String ENDPOINT_URI = "completionsEndpoint";
    private static final String DEADLINE = "requestDeadline";
    /** camel-http's producer and its nested classes, one of which closes a response on completion. */
    private static final String HTTP_PRODUCER = HttpProducer.class.getName() + "$";

    private final ObjectMapper json = new ObjectMapper();
    private final CompletionRequestBody bodies = new CompletionRequestBody();
    private final CompletionResponseParser parser = new CompletionResponseParser();
    private final SseCompletionReader sseReader = new SseCompletionReader();
    private final RequestDeadlines deadlines = new RequestDeadlines();

    /** The run was interrupted: every request still under way is cut now, and recorded as interrupted. */
    public void cutInFlight() {
        deadlines.cutAll();
    }

    /**
     * The request as it goes on the wire: JSON body, the request id (measured requests only; vLLM
     * uses it as the base of its own id) and the API key as the Bearer token vLLM expects. The send
     * is marked last, so building the body is not latency.
     */
    public void prepare(Exchange exchange) throws JsonProcessingException {
        BenchmarkRun run = run(exchange);
        Dispatch dispatch = exchange.getMessage().getBody(Dispatch.class);
        exchange.setProperty(DISPATCH, dispatch);
        PlannedRequest request = dispatch.request();
        ServerEndpoints.Endpoint endpoint = exchange.getProperty(SERVER_ENDPOINTS, ServerEndpoints.class).choose(request.adapterName());
        exchange.setProperty(ENDPOINT, endpoint);
        exchange.setProperty(ENDPOINT_URI, endpoint.uri());
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        byte[] body = json.writeValueAsBytes(bodies.build(request, run.config(), run.engine(), run.server().served()));
        message.setHeader("Content-Type", "application/json");
        if (request.requestId() != null) {
            message.setHeader("X-Request-Id", request.requestId().toString());
        }
        run.config().optionalString(Setting.SERVER_API_KEY).ifPresent(key -> message.setHeader("Authorization", "Bearer " + key));
        exchange.setProperty(SENT_AT, OffsetDateTime.now());
        RequestDeadlines.Watch deadline = deadlines.watch(run.requestTimeoutNanos(), () -> run.interruptedBecause().isPresent());
        exchange.setProperty(DEADLINE, deadline);
        long built = System.nanoTime();
        message.setBody(new DepartingRequestBody(body, dispatch, built, deadline));
        exchange.setProperty(SENT_NANOS, built);
    }

    /**
     * Reads the response straight off the connection: the route's very next step after the HTTP
     * producer, with stream caching off, so each server-sent event is timed as it arrives.
     */
    public RequestRecord read(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        long sent = sentNanos(exchange);
        BenchmarkRun run = run(exchange);
        RequestDeadlines.Watch deadline = exchange.getProperty(DEADLINE, RequestDeadlines.Watch.class);
        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
            RequestRecord record = in == null ? answered(exchange, status, "", sent)
                    : status == 200 && contentType.startsWith("text/event-stream")
                    ? streamed(exchange, sseReader.read(in), sent, status)
                    : answered(exchange, status, new String(in.readAllBytes(), StandardCharsets.UTF_8), sent);
            if (deadline.interrupted() || deadline.expired()) {
                throw cut(deadline, run, null);
            }
            return record;
        } catch (IOException e) {
            throw deadline.interrupted() || deadline.expired() ? cut(deadline, run, e) : e;
        }
    }

    private static RequestCutException cut(RequestDeadlines.Watch deadline, BenchmarkRun run, IOException cause) {
        if (deadline.interrupted()) {
            return new RequestCutException("interrupted (" + run.interruptedBecause().orElse("stopped")
                    + ") while the response was arriving", cause);
        }
        return new RequestCutException("timed out: the response was not complete within benchmark.request_timeout_s ("
                + seconds(run.config().decimal(Setting.REQUEST_TIMEOUT_S)) + ")", cause);
    }

    private RequestRecord answered(Exchange exchange, int status, String body, long sent) {
        long ended = System.nanoTime();
        CompletionResponse response = parser.parse(status, body);
        String error = response.succeeded() ? wrongAdapter(exchange, response.truth()) : response.error();
        return sentRecord(exchange, error == null ? (ended - sent) / 1e9 : null, ended, response.completionTokens(), response.promptTokens(),
                response.text(), status, error, null, response.truth().adapterLoadSeconds());
    }

    /** E2EL is the time of the last content event, as vLLM's benchmark takes it (usage and [DONE] excluded). */
    private RequestRecord streamed(Exchange exchange, StreamedCompletion stream, long sent, int status) {
        String error = stream.error() != null ? stream.error() : wrongAdapter(exchange, stream.truth());
        if (error != null) {
            return sentRecord(exchange, null, System.nanoTime(), null, null, null, status, error, null, stream.truth().adapterLoadSeconds());
        }
        Dispatch dispatch = exchange.getProperty(DISPATCH, Dispatch.class);
        if (dispatch.measured()) {
            run(exchange).interTokenLatencies().record(dispatch.request().adapterName(), stream.contentEventNanos(), stream.contentEvents());
        }
        StreamTiming timing = new StreamTiming((stream.firstEventNanos() - sent) / 1e9, stream.tokensCounted());
        long last = stream.lastEventNanos();
        return sentRecord(exchange, (last - sent) / 1e9, last, stream.completionTokens(), stream.promptTokens(), stream.text(),
                status, null, timing, stream.truth().adapterLoadSeconds());
    }

    /** A request the server says it answered with another adapter than it named measures nothing true: it fails. */
    private static String wrongAdapter(Exchange exchange, ServerTruth truth) {
        return truth.mismatch(exchange.getProperty(DISPATCH, Dispatch.class).request().adapterName(),
                run(exchange).config().string(Setting.MODEL_NAME));
    }

    /** No response at all: refused connection, timeout, reset, or a server that died. */
    public RequestRecord transportFailure(Exchange exchange) throws InterruptedException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        BenchmarkRun run = run(exchange);
        ServerEndpoints.Endpoint endpoint = exchange.getProperty(ENDPOINT, ServerEndpoints.Endpoint.class);
        RequestDeadlines.Watch deadline = exchange.getProperty(DEADLINE, RequestDeadlines.Watch.class);
        if (deadline != null && deadline.interrupted() && !deadline.started()) {
            return unsent(exchange.getProperty(DISPATCH, Dispatch.class).cutBeforeSending(run.interruptedBecause().orElse("stopped")));
        }
        String error = run.server().deathNoticeAfterFailure().orElseGet(() -> describe(cause, deadline, run, endpoint));
        // One server refusing ends the run; in a fleet only that server's requests fail.
        if (refused(cause) && !run.endpoints().isFleet() && run.serverFailure().isEmpty()) {
            run.recordServerFailure("the server at " + run.baseUrl() + " stopped accepting connections during the run ("
                    + error + "); the requests after it were not sent");
        }
        return sentRecord(exchange, null, System.nanoTime(), null, null, null, null, error, null, null);
    }

    /**
     * Whether the worker's request goes on the wire, for the route's choice: a bean call where an
     * OGNL "${body.sendable}" built a new bean expression for every request.
     */
    public boolean sendable(Exchange exchange) {
        return exchange.getMessage().getBody(Dispatch.class).isSendable();
    }

    /** A request its worker settled without sending: invalid line, unknown adapter, stopped run, dead server. */
    public RequestRecord notSent(Exchange exchange) {
        return unsent(exchange.getMessage().getBody(Dispatch.class));
    }

    private static RequestRecord unsent(Dispatch dispatch) {
        PlannedRequest request = dispatch.request();
        return new RequestRecord(request.requestId(), request.lineNumber(), request.prompt(), request.adapterName(),
                null, null, null, null, null, null, null, dispatch.notSentReason(), null, request.scheduledOffsetSeconds(),
                null, null, dispatch.notSentAs(), null, false, null);
    }

    /**
     * The request is over: its outcome counts for the stop conditions before its slot is free, so
     * the next request taken, which checks them once it holds the slot, never sends one request too
     * many. The request's own properties go with it: the worker's exchange carries the next one.
     */
    public void finish(Exchange exchange) {
        if (exchange.removeProperty(DEADLINE) instanceof RequestDeadlines.Watch deadline) {
            deadline.close();
        }
        if (exchange.removeProperty(DISPATCH) instanceof Dispatch dispatch && dispatch.isSendable()) {
            dispatch.ended();
            BenchmarkRun run = run(exchange);
            if (dispatch.measured() && exchange.getMessage().getBody() instanceof RequestRecord record
                    && record.outcome() != RequestOutcome.NOT_SENT) {
                run.countFinished(record.succeeded());
            }
            run.slots().release();
            exchange.setProperty(RequestWorker.SLOT_FREED_NANOS, System.nanoTime());
            closeResponse(exchange);
        }
        exchange.removeProperty(SENT_NANOS);
        exchange.removeProperty(SENT_AT);
        exchange.removeProperty(ENDPOINT);
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
    }

    /**
     * camel-http leaves each response (with its request) to be closed when the exchange completes;
     * a request worker's exchange carries a whole phase of requests, so each is closed, and let go,
     * as its request ends. Memory would otherwise grow with every request sent.
     */
    private static void closeResponse(Exchange exchange) {
        Exchange closing = new DefaultExchange(exchange.getContext());
        UnitOfWork unitOfWork = exchange.getUnitOfWork();
        if (unitOfWork != null) {
            unitOfWork.handoverSynchronization(closing, CompletionCall::closesResponse);
        } else {
            for (Synchronization onCompletion : exchange.getExchangeExtension().handoverCompletions()) {
                (closesResponse(onCompletion) ? closing : exchange).getExchangeExtension().addOnCompletion(onCompletion);
            }
        }
        UnitOfWorkHelper.doneSynchronizations(closing, closing.getExchangeExtension().handoverCompletions());
    }

    private static boolean closesResponse(Synchronization onCompletion) {
        return onCompletion.getClass().getName().startsWith(HTTP_PRODUCER);
    }

    /**
     * When the request was sent: once it was built, later by as long as it then waited for the
     * request before it to reach the wire. That wait is the client's (scheduler slip), not the
     * server's; taking a connection (a new one's connect) stays in the request's latency, as in vLLM's.
     */
    private static long sentNanos(Exchange exchange) {
        return exchange.getProperty(SENT_NANOS, Long.class) + exchange.getProperty(DISPATCH, Dispatch.class).turnWaitNanos();
    }

    private RequestRecord sentRecord(Exchange exchange, Double latency, long endedNanos, Integer completionTokens, Integer promptTokens,
                                     String text, Integer status, String error, StreamTiming stream, Double adapterLoadSeconds) {
        Dispatch dispatch = exchange.getProperty(DISPATCH, Dispatch.class);
        PlannedRequest request = dispatch.request();
        long phaseStart = run(exchange).requestPhaseStartNanos();
        Long sent = exchange.getProperty(SENT_NANOS) == null ? null : sentNanos(exchange);
        ServerEndpoints.Endpoint endpoint = exchange.getProperty(ENDPOINT, ServerEndpoints.Endpoint.class);
        return new RequestRecord(request.requestId(), request.lineNumber(), request.prompt(), request.adapterName(),
                exchange.getProperty(SENT_AT, OffsetDateTime.class), error == null ? latency : null, dispatch.slotWaitNanos() / 1e9,
                error == null ? completionTokens : null, error == null ? promptTokens : null, error == null ? text : null, status,
                error, error == null ? stream : null, request.scheduledOffsetSeconds(),
                sent == null ? null : (sent - phaseStart) / 1e9, (endedNanos - phaseStart) / 1e9,
                error == null ? RequestOutcome.OK : RequestOutcome.FAILED, adapterLoadSeconds, dispatch.firstOfAdapter(),
                endpoint == null ? null : endpoint.baseUrl());
    }

    private static String describe(Exception cause, RequestDeadlines.Watch deadline, BenchmarkRun run, ServerEndpoints.Endpoint endpoint) {
        if (cause instanceof RequestCutException cut) {
            return cut.getMessage();
        }
        if (deadline != null && deadline.interrupted()) {
            return "interrupted (" + run.interruptedBecause().orElse("stopped") + ") before the response arrived";
        }
        if (deadline != null && deadline.expired()) {
            return noResponseInTime(run);
        }
        if (cause == null) {
            return "request failed";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (refused(cause)) {
            return "connection refused by " + (endpoint != null ? endpoint.baseUrl() : run.baseUrl()) + ": " + cause.getMessage();
        }
        if (cause instanceof SocketTimeoutException || root instanceof SocketTimeoutException) {
            return noResponseInTime(run);
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String noResponseInTime(BenchmarkRun run) {
        return "timed out: no response within benchmark.request_timeout_s (" + seconds(run.config().decimal(Setting.REQUEST_TIMEOUT_S)) + ")";
    }

    private static String seconds(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + " s";
    }

    private static boolean refused(Exception cause) {
        for (Throwable link = cause; link != null; link = link.getCause() == link ? null : link.getCause()) {
            if (link instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static BenchmarkRun run(Exchange exchange) {
        return exchange.getProperty("run", BenchmarkRun.class);
    }
}
