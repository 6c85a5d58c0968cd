package dev.multilora.observe;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.run.RunOutcome;
import dev.multilora.schedule.ScheduleFire;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * This tool's own meters: the per-request timers (E2EL by adapter and outcome, TTFT and TPOT by
 * adapter, as histograms with vLLM's buckets), tokens and runs as
 * counters, requests in flight as a gauge. All in Camel's Prometheus registry beside Camel's route
 * metrics, so the scrape endpoint and metrics.prom show them together. The timers are looked up
 * once per adapter and outcome, not built per request.
 */
public final class PipelineMeters {
    private final CurrentRun currentRun;
    private volatile Meters meters;
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> ttftTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> tpotTimers = new ConcurrentHashMap<>();

    private record Meters(PrometheusMeterRegistry registry, Counter promptTokens, Counter outputTokens) {
    }

    public PipelineMeters(CurrentRun currentRun) {
        this.currentRun = currentRun;
    }

    /** The registry Camel records into; the meters are registered with it on first use. */
    public PrometheusMeterRegistry registry(CamelContext context) {
        return meters(context).registry();
    }

    /** Everything in the registry as Prometheus text: the run folder's metrics.prom. */
    public String scrape(Exchange exchange) {
        return registry(exchange.getContext()).scrape();
    }

    /**
     * A finished request: its time on the wire (sent requests only), its TTFT and TPOT (successful
     * streams), and its tokens. Histograms with vLLM's buckets, by adapter.
     */
    public void requestFinished(RequestRecord record, CamelContext context) {
        Meters m = meters(context);
        String adapter = record.adapterName();
        if (record.startOffsetSeconds() != null && record.endOffsetSeconds() != null) {
            String outcome = record.outcome().tag();
            Timer timer = requestTimers.computeIfAbsent(adapter + '\0' + outcome, key -> Timer.builder("multilora.request")
                    .description("Benchmark requests, from sending to the end of the response")
                    .serviceLevelObjectives(LatencyBuckets.E2E)
                    .tag("adapter", adapter).tag("outcome", outcome).register(m.registry()));
            timer.record(seconds(record.endOffsetSeconds() - record.startOffsetSeconds()));
        }
        if (record.succeeded() && record.ttftSeconds() != null) {
            ttftTimers.computeIfAbsent(adapter, key -> Timer.builder("multilora.request.ttft")
                    .description("Time to first token of successful streamed requests, as vLLM's benchmark measures it")
                    .serviceLevelObjectives(LatencyBuckets.TTFT).tag("adapter", adapter).register(m.registry()))
                    .record(seconds(record.ttftSeconds()));
        }
        if (record.tpotSeconds() != null) {
            tpotTimers.computeIfAbsent(adapter, key -> Timer.builder("multilora.request.tpot")
                    .description("Time per output token after the first, of successful streamed requests")
                    .serviceLevelObjectives(LatencyBuckets.TPOT).tag("adapter", adapter).register(m.registry()))
                    .record(seconds(record.tpotSeconds()));
        }
        if (record.promptTokens() != null) {
            m.promptTokens().increment(record.promptTokens());
        }
        if (record.completionTokens() != null) {
            m.outputTokens().increment(record.completionTokens());
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    public void runFinished(RunOutcome outcome, Exchange exchange) {
        String status = outcome.hasResults() ? outcome.results().status().label()
                : outcome.isInterrupted() ? "interrupted" : "failed";
        Counter.builder("multilora.runs").description("Benchmark runs that wrote results, by status")
                .tag("status", status).register(registry(exchange.getContext())).increment();
    }

    /** A schedule fire skipped because the schedule's previous fire was still waiting for its turn. */
    public void fireSkipped(ScheduleFire fire, Exchange exchange) {
        Counter.builder("multilora.schedule.skipped")
                .description("Schedule fires skipped because the previous fire of the same schedule was still waiting to run")
                .tag("schedule", fire.name()).register(registry(exchange.getContext())).increment();
    }

    private Meters meters(CamelContext context) {
        Meters current = meters;
        if (current == null) {
            synchronized (this) {
                if (meters == null) {
                    meters = register(context);
                }
                current = meters;
            }
        }
        return current;
    }

    private Meters register(CamelContext context) {
        PrometheusMeterRegistry registry = context.getRegistry().findSingleByType(PrometheusMeterRegistry.class);
        if (registry == null) {
            throw new IllegalStateException("no Prometheus registry: camel.metrics.enabled must be true");
        }
        Gauge.builder("multilora.requests.in_flight", currentRun, run -> run.get().map(r -> r.slots().inUse()).orElse(0))
                .description("Requests of the current run holding an in-flight slot").register(registry);
        return new Meters(registry,
                tokens(registry, "prompt"),
                tokens(registry, "output"));
    }

    private static Counter tokens(PrometheusMeterRegistry registry, String kind) {
        return Counter.builder("multilora.tokens").description("Tokens of successful requests, as the server's usage reports them")
                .tag("kind", kind).register(registry);
    }
}
