package dev.multilora.server.metrics;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A run's scrapes of the server's /metrics: once before sending, every few seconds while sending,
 * once after. Written by the scraping thread, read by the report once the requests are done.
 */
public final class ServerMetricsSeries {
    private final List<Scrape> scrapes = new CopyOnWriteArrayList<>();
    private volatile long originNanos;
    private volatile ServerState before;
    private volatile ServerState after;
    private volatile String unavailable;

    /** One scrape, timed from the one before the requests. */
    public record Scrape(double seconds, OffsetDateTime at, ServerState state) {
    }

    void recordBefore(ServerState state) {
        originNanos = System.nanoTime();
        before = state;
        add(state);
    }

    void recordDuring(ServerState state) {
        add(state);
    }

    void recordAfter(ServerState state) {
        after = state;
        add(state);
    }

    /** Why the server's metrics could not be read; scraping stops for the run. */
    void markUnavailable(String reason) {
        unavailable = reason;
    }

    public boolean isAvailable() {
        return unavailable == null && before != null;
    }

    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    public Optional<ServerState> before() {
        return Optional.ofNullable(before);
    }

    public Optional<ServerState> after() {
        return Optional.ofNullable(after);
    }

    public List<Scrape> scrapes() {
        return List.copyOf(scrapes);
    }

    private void add(ServerState state) {
        scrapes.add(new Scrape((System.nanoTime() - originNanos) / 1e9, OffsetDateTime.now(), state));
    }
}
