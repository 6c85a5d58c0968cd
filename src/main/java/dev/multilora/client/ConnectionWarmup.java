package dev.multilora.client;

import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, just before the clock starts, the connections the measured requests will use: for each
 * server, `concurrency` TCP connections taken from the run's own connection pool, connected, and put
 * back for the requests to reuse. No request is sent, so the server spends nothing on it. Without
 * it, the first `concurrency` requests of a closed loop each opened a connection as they went, and a
 * burst that vLLM's client puts on the wire in ~20 ms took ours 100-200 ms; on a server that batches
 * at most `max_loras` adapters, that spread decided which adapters ran together for the rest of the
 * run. Not for an engine that closes every connection after a stream (llama.cpp's): none would be reused.
 * Each run starts on connections of its own: those an earlier run left idle in the pool are closed
 * first, since that run's server may have died or been replaced on the same port, and a request on
 * such a connection fails without the server ever seeing it (a CI run after a crash lost one so).
 */
public final class ConnectionWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWarmup.class);
    private static final Timeout PATIENCE = Timeout.ofSeconds(5);

    public void open(ServerEndpoints endpoints, BenchmarkRun run, CamelContext camel) throws InterruptedException {
        int connections = run.config().integer(Setting.CONCURRENCY);
        for (ServerEndpoints.Endpoint endpoint : endpoints.all()) {
            HttpEndpoint http = camel.getEndpoint(endpoint.uri(), HttpEndpoint.class);
            // Built here, not on first use, so the first measured request does not pay for it.
            http.getHttpClient();
            if (!run.engine().closesConnectionAfterStream()) {
                open(http, endpoint.baseUrl(), connections);
            }
        }
    }

    /** Opens {@code connections} connections to {@code baseUrl} in the endpoint's pool, for its requests to reuse. */
    static void open(HttpEndpoint http, String baseUrl, int connections) throws InterruptedException {
        HttpClientConnectionManager pool = http.getClientConnectionManager();
        if (pool instanceof ConnPoolControl<?> control) {
            control.closeIdle(TimeValue.ZERO_MILLISECONDS);
        }
        URI uri = URI.create(baseUrl);
        boolean secure = "https".equals(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        HttpRoute route = new HttpRoute(new HttpHost(uri.getScheme(), uri.getHost(), port), null, secure);
        List<ConnectionEndpoint> opened = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                ConnectionEndpoint connection = pool.lease("warmup-" + i, route, PATIENCE, null).get(PATIENCE);
                opened.add(connection);
                if (!connection.isConnected()) {
                    pool.connect(connection, PATIENCE, HttpClientContext.create());
                }
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.info("{} of {} connections to {} opened before the run ({}); the rest open as requests go", opened.size(),
                    connections, baseUrl, e.getMessage());
        } finally {
            opened.forEach(connection -> pool.release(connection, null, ConnectionReuse.MAX_IDLE));
        }
    }
}
