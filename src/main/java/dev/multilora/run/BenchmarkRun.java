package dev.multilora.run;

import com.sun.management.OperatingSystemMXBean;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.client.CompletionHttpClient;
import dev.multilora.client.InFlightSlots;
import dev.multilora.client.ServerEndpoints;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.dataset.DatasetIndex;
import dev.multilora.engine.ServingEngine;
import dev.multilora.engine.ServingEngines;
import dev.multilora.metrics.ColdStarts;
import dev.multilora.metrics.InterTokenLatencies;
import dev.multilora.metrics.RecordColumns;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.observe.RunProgress;
import dev.multilora.report.ResultsCsv;
import dev.multilora.schedule.ScheduleFire;
import dev.multilora.server.metrics.ServerMetricsSeries;
import dev.multilora.server.ServerSession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run in progress: its own configuration, adapter catalog, in-flight slots and folder. Carried
 * by the exchange from stage to stage, so nothing a run depends on is frozen into the routes.
 */
public final class BenchmarkRun {
    /** Fewer finished requests say too little about an error rate to stop a run on it. */
    private static final int MIN_REQUESTS_FOR_ERROR_RATE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRun.class);

    private final EffectiveConfig config;
    private final ServingEngine engine;
    private ServerEndpoints endpoints;
    private volatile AdapterCatalog catalog;
    private volatile ServerSession server;
    private volatile Map<String, Object> environment = Map.of();
    private volatile String serverFailure;
    private final AtomicInteger finishedRequests = new AtomicInteger();
    private final AtomicInteger failedRequests = new AtomicInteger();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final AtomicReference<String> interruption = new AtomicReference<>();
    private volatile boolean cancelled;
    private final List<RequestRecord> warmup = Collections.synchronizedList(new ArrayList<>());
    private volatile DatasetIndex datasetIndex;
    private final Path dataset;
    private final RunFolder folder;
    private final RunLock lock;
    private final LocalDateTime startedAt;
    private final ScheduleFire fire;
    private final InFlightSlots slots;
    private final RunProgress progress = new RunProgress();
    private final ServerMetricsSeries serverMetrics = new ServerMetricsSeries();
    private final InterTokenLatencies interTokenLatencies = new InterTokenLatencies();
    private final long requestTimeoutNanos;
    private volatile RecordColumns records = new RecordColumns(0);
    /** Held while one finished request is recorded: the request workers record one at a time. */
    private final Object recording = new Object();
    private volatile ResultsCsv resultsCsv;
    private volatile long requestPhaseStartNanos;
    private volatile long requestPhaseStartCpuNanos;
    private volatile Double requestPhaseCpuSeconds;

    /** @param fire the schedule fire this run is; null when it is not scheduled */
    BenchmarkRun(EffectiveConfig config, AdapterCatalog catalog, Path dataset, RunFolder folder, RunLock lock,
                 LocalDateTime startedAt, ScheduleFire fire) {
        this.fire = fire;
        this.config = config;
        this.catalog = catalog;
        this.dataset = dataset;
        this.folder = folder;
        this.lock = lock;
        this.startedAt = startedAt;
        this.slots = new InFlightSlots(config.integer(Setting.CONCURRENCY));
        this.engine = ServingEngines.of(config);
        this.requestTimeoutNanos = Math.round(config.decimal(Setting.REQUEST_TIMEOUT_S) * 1e9);
    }

    public EffectiveConfig config() {
        return config;
    }

    /** The engine the run's server is: how its requests select adapters. */
    public ServingEngine engine() {
        return engine;
    }

    public AdapterCatalog catalog() {
        return catalog;
    }

    /** An external server's own adapters replace the local folder's. */
    public void adoptCatalog(AdapterCatalog served) {
        this.catalog = served;
    }

    public void attachServer(ServerSession session) {
        this.server = session;
    }

    /** The server this run talks to; null until the server stage has run. */
    public ServerSession server() {
        return server;
    }

    /** One more finished warmup request: reported on its own, never measured. */
    public void recordWarmup(RequestRecord record) {
        warmup.add(record);
    }

    /** Cold adapters can be told only on a server started for this run, before any warmup touched them. */
    public boolean adapterColdStartsKnown() {
        return server != null && Boolean.TRUE.equals(server.fresh()) && config.integer(Setting.WARMUP_REQUESTS) == 0;
    }

    /** Records of the warmup requests, sent before measuring; empty when none ran. */
    public List<RequestRecord> warmup() {
        synchronized (warmup) {
            return List.copyOf(warmup);
        }
    }

    /** Why the server failed the run (it died during the request phase), recorded before anything stops it. */
    public void recordServerFailure(String reason) {
        this.serverFailure = reason;
    }

    public Optional<String> serverFailure() {
        return Optional.ofNullable(serverFailure);
    }

    /**
     * Why no further request can be served: a managed server that exited, or a server that refused
     * a connection (a live vLLM never does; one that went away does, external or not).
     */
    public Optional<String> serverGone() {
        return server.deathNotice().or(this::serverFailure);
    }

    public void recordEnvironment(Map<String, Object> facts) {
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public Map<String, Object> environment() {
        return environment;
    }

    public Path dataset() {
        return dataset;
    }

    /** The run's dataset stays open for the request phase, which reads its prompts; {@link #release()} closes it. */
    public void attachDataset(DatasetIndex index) {
        this.datasetIndex = index;
    }

    public RunFolder folder() {
        return folder;
    }

    /** The schedule fire this run is, when a schedule started it. */
    public Optional<ScheduleFire> scheduleFire() {
        return Optional.ofNullable(fire);
    }

    public LocalDateTime startedAt() {
        return startedAt;
    }

    public InFlightSlots slots() {
        return slots;
    }

    public RunProgress progress() {
        return progress;
    }

    /** The server's own /metrics, scraped around and during the requests. */
    public ServerMetricsSeries serverMetrics() {
        return serverMetrics;
    }

    /** The (first) server's base URL: the first of server.urls, else server.url, else host and port. */
    public String baseUrl() {
        return serverUrls().get(0);
    }

    /** benchmark.request_timeout_s: how long a request may take from its send to its last byte. */
    public long requestTimeoutNanos() {
        return requestTimeoutNanos;
    }

    /** The base URLs of the run's servers: server.urls, or the one server. */
    public List<String> serverUrls() {
        List<String> urls = config.list(Setting.SERVER_URLS);
        if (!urls.isEmpty()) {
            return urls.stream().map(url -> url.replaceAll("/$", "")).toList();
        }
        return List.of(config.optionalString(Setting.SERVER_URL).map(url -> url.replaceAll("/$", ""))
                .orElse("http://" + config.string(Setting.SERVER_HOST) + ":" + config.integer(Setting.SERVER_PORT)));
    }

    /**
     * The servers the measured requests are spread over. Asked for once the server is attached:
     * adapter affinity gives homes to the adapters the server serves.
     */
    public synchronized ServerEndpoints endpoints() {
        if (endpoints == null) {
            List<ServerEndpoints.Endpoint> all = serverUrls().stream()
                    .map(url -> new ServerEndpoints.Endpoint(url, completionsEndpoint(config, engine, url))).toList();
            List<String> adapters = new ArrayList<>(List.of(config.string(Setting.MODEL_NAME)));
            catalog.adapters().forEach(adapter -> adapters.add(adapter.name()));
            endpoints = config.string(Setting.SERVER_BALANCE).equals("adapter_affinity")
                    ? ServerEndpoints.byAdapter(all, adapters) : ServerEndpoints.roundRobin(all);
        }
        return endpoints;
    }

    /** generation.endpoint is chat: requests go to /v1/chat/completions with messages. */
    public boolean chat() {
        return isChat(config);
    }

    public static boolean isChat(EffectiveConfig config) {
        return "chat".equals(config.string(Setting.ENDPOINT));
    }

    /** The server path requests are posted to: /v1/completions, or /v1/chat/completions for generation.endpoint: chat. */
    public static String completionsPath(EffectiveConfig config) {
        return isChat(config) ? "/v1/chat/completions" : "/v1/completions";
    }

    /**
     * Its own connection pool as large as the concurrency (camel-http's default of 20 per route
     * would silently cap it), the run's timeout for connecting and for taking a pooled connection,
     * no read timeout (soTimeout=0; each request is held to its deadline instead: RequestDeadlines),
     * and no reuse of a connection the server may have closed.
     */
    private static String completionsEndpoint(EffectiveConfig config, ServingEngine engine, String baseUrl) {
        int concurrency = config.integer(Setting.CONCURRENCY);
        long timeoutMs = Math.round(config.decimal(Setting.REQUEST_TIMEOUT_S) * 1000);
        return baseUrl + completionsPath(config) + "?httpMethod=POST&throwExceptionOnFailure=false&disableStreamCache=true"
                + "&connectionsPerRoute=" + concurrency + "&maxTotalConnections=" + concurrency
                + "&soTimeout=0&connectTimeout=" + timeoutMs + "&connectionRequestTimeout=" + timeoutMs
                + "&httpClientConfigurer=#" + (engine.closesConnectionAfterStream()
                        ? CompletionHttpClient.NEW_CONNECTIONS : CompletionHttpClient.REUSING_CONNECTIONS);
    }

    /**
     * Starts the measured requests: the zero of every scheduled and actual send offset, and
     * results.csv opened to take each row as its request finishes.
     *
     * @param planned every request and invalid line the phase will end with a record for
     */
    public void beginRequests(int planned) {
        records = new RecordColumns(planned);
        resultsCsv = new ResultsCsv(folder.partial().resolve("results.csv"),
                new ColdStarts(adapterColdStartsKnown(), config.string(Setting.MODEL_NAME)));
        requestPhaseStartCpuNanos = processCpuNanos();
        requestPhaseStartNanos = System.nanoTime();
    }

    /** One more finished record: its row written, its figures kept, counted for progress. */
    public void recordFinished(RequestRecord record) {
        synchronized (recording) {
            resultsCsv.add(record);
            records.add(record);
            progress.finished(record);
        }
    }

    /** Every record is in: results.csv is complete. */
    public void endRequests() {
        requestPhaseCpuSeconds = (processCpuNanos() - requestPhaseStartCpuNanos) / 1e9;
        closeResultsCsv();
    }

    /** Closes results.csv with whatever it has, when a run ends early; harmless when it is closed. */
    public void closeResultsCsv() {
        ResultsCsv csv = resultsCsv;
        resultsCsv = null;
        if (csv != null) {
            csv.close();
        }
    }

    /** The finished records, without their texts. */
    public RecordColumns records() {
        return records;
    }

    public InterTokenLatencies interTokenLatencies() {
        return interTokenLatencies;
    }

    /** CPU this process spent while the requests ran (client, Camel, JIT, GC; not a managed server); null before the end. */
    public Double requestPhaseCpuSeconds() {
        return requestPhaseCpuSeconds;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** Counts a sent measured request's outcome, for benchmark.max_error_rate. */
    public void countFinished(boolean succeeded) {
        finishedRequests.incrementAndGet();
        if (!succeeded) {
            failedRequests.incrementAndGet();
        }
    }

    /**
     * Why no more requests may be sent (benchmark.max_duration_s or max_error_rate reached), or
     * empty. The first reason found sticks.
     */
    public Optional<String> stopReason() {
        if (stopReason.get() == null) {
            config.optionalDecimal(Setting.MAX_DURATION_S)
                    .filter(limit -> (System.nanoTime() - requestPhaseStartNanos) / 1e9 >= limit)
                    .ifPresent(limit -> stopReason.compareAndSet(null, "benchmark.max_duration_s " + limit + " reached"));
            int finished = finishedRequests.get();
            config.optionalDecimal(Setting.MAX_ERROR_RATE)
                    .filter(limit -> finished >= MIN_REQUESTS_FOR_ERROR_RATE && failedRequests.get() > limit * finished)
                    .ifPresent(limit -> stopReason.compareAndSet(null, "benchmark.max_error_rate " + limit + " exceeded ("
                            + failedRequests.get() + " of " + finished + " finished requests failed)"));
        }
        return Optional.ofNullable(stopReason.get());
    }

    /** The process was asked to stop (Ctrl-C, SIGTERM): nothing more is sent, and the run reports as interrupted. */
    public void interrupt(String why) {
        interruption.compareAndSet(null, why);
    }

    /** Someone asked for this run to end (DELETE /runs/ID): interrupted like a Ctrl-C, but never to be run again. */
    public void cancel(String why) {
        cancelled = true;
        interrupt(why);
    }

    public boolean cancelled() {
        return cancelled;
    }

    public Optional<String> interruptedBecause() {
        return Optional.ofNullable(interruption.get());
    }

    /** The stop that ended sending early, if one did; unlike {@link #stopReason()} it checks nothing. */
    public Optional<String> stoppedBecause() {
        return Optional.ofNullable(stopReason.get());
    }

    /** The measured requests' clock starts now rather than when the phase began: a closed loop's first burst is released. */
    public void startRequestClock(long nanos) {
        requestPhaseStartNanos = nanos;
    }

    /** System.nanoTime() when sending started: the zero of every scheduled and actual send offset. */
    public long requestPhaseStartNanos() {
        return requestPhaseStartNanos;
    }

    /** Seconds from the first measured request sent to the last response, on the monotonic clock, as vLLM's benchmark takes it. */
    public double requestPhaseSeconds() {
        return records.sendingSpanSeconds();
    }

    /** Frees what the run holds: its dataset file, then the lock. */
    public void release() {
        try {
            if (datasetIndex != null) {
                datasetIndex.close();
            }
        } catch (IOException e) {
            LOG.warn("cannot close the dataset {}: {}", dataset, e.toString());
        } finally {
            lock.close();
        }
    }
}
