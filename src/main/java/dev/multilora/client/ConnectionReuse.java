package dev.multilora.client;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;

/**
 * Keeps requests off connections the server has closed: a reused connection the server already
 * closed would fail a request the server never saw, and retrying a sent request is not an option
 * for a benchmark. Two policies, as the engine behaves:
 * <ul>
 * <li>{@link #whileFresh()}: pooled connections idle for {@link #MAX_IDLE} are closed by the client,
 * before uvicorn's 5 s keep-alive (vLLM's and SGLang's server) closes them from the other end
 * (the evictor looks every MAX_IDLE, so none stays idle past twice that);</li>
 * <li>{@link #never()}: for a server that closes each connection after a streamed response while
 * its headers say keep-alive (llama.cpp's), no connection goes back to the pool at all.</li>
 * </ul>
 */
public final class ConnectionReuse {
    static final TimeValue MAX_IDLE = TimeValue.ofSeconds(2);

    private final boolean reused;

    private ConnectionReuse(boolean reused) {
        this.reused = reused;
    }

    public static ConnectionReuse whileFresh() {
        return new ConnectionReuse(true);
    }

    public static ConnectionReuse never() {
        return new ConnectionReuse(false);
    }

    void configure(HttpClientBuilder clientBuilder) {
        if (reused) {
            clientBuilder.evictIdleConnections(MAX_IDLE);
        } else {
            clientBuilder.setConnectionReuseStrategy((request, response, context) -> false);
        }
    }
}
