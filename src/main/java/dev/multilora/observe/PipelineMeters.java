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
 * This tool's own meters: the per-request timer (by adapter and outcome), tokens and runs as
 * counters, requests in flight as a gauge. All in Camel's Prometheus registry beside Camel's route
 * metrics, so the scrape endpoint and metrics.prom show them together. The timers are looked up
 * once per adapter and outcome, not built per request.
 */
public final class PipelineMeters {
    private final CurrentRun currentRun;
    private volatile Meters meters;
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();

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

    /** A finished request: its time on the wire (sent requests only) and its tokens. */
    public void requestFinished(RequestRecord record, CamelContext context) {
        Meters m = meters(context);
        if (record.startOffsetSeconds() != null && record.endOffsetSeconds() != null) {
            String adapter = record.adapterName();
            String outcome = record.outcome().tag();
            Timer timer = requestTimers.computeIfAbsent(adapter + '\0' + outcome, key -> Timer.builder("multilora.request")
                    .description("Benchmark requests, from sending to the end of the response")
                    .tag("adapter", adapter).tag("outcome", outcome).register(m.registry()));
            timer.record(Duration.ofNanos(Math.round((record.endOffsetSeconds() - record.startOffsetSeconds()) * 1e9)));
        }
        if (record.promptTokens() != null) {
            m.promptTokens().increment(record.promptTokens());
        }
        if (record.completionTokens() != null) {
            m.outputTokens().increment(record.completionTokens());
        }
    }

    public void runFinished(RunOutcome outcome, Exchange exchange) {
        String status = outcome.results() != null && outcome.results().get("status") instanceof String s ? s
                : outcome.isCompleted() ? "completed" : "failed";
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
