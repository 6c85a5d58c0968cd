package dev.multilora.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /metrics in Prometheus text on metrics.host:metrics.port, for as long as the pipeline runs,
 * so an unattended `watch` can be scraped between runs too. Opened by the first run that asks for
 * it and moved when a later run's config names another address. A Camel service: the context
 * stops it on shutdown.
 */
public final class PrometheusEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);

    private final PipelineMeters meters;
    private Server server;

    public PrometheusEndpoint(PipelineMeters meters) {
        this.meters = meters;
    }

    public synchronized void serveFor(BenchmarkRun run, Exchange exchange) throws Exception {
        Integer port = run.config().optionalInteger(Setting.METRICS_PORT).orElse(null);
        if (port == null) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(run.config().string(Setting.METRICS_HOST), port);
        if (server != null && server.address.equals(address)) {
            return;
        }
        CamelContext context = exchange.getContext();
        if (server != null) {
            context.removeService(server);
            server.stop();
            server = null;
        }
        Server started = new Server(address, meters.registry(context));
        context.addService(started, true, true);
        server = started;
        LOG.info("Prometheus metrics at http://{}:{}/metrics", address.getHostString(), port);
    }

    private static final class Server extends ServiceSupport {
        private final InetSocketAddress address;
        private final PrometheusMeterRegistry registry;
        private HttpServer http;
        private ExecutorService executor;

        Server(InetSocketAddress address, PrometheusMeterRegistry registry) {
            this.address = address;
            this.registry = registry;
        }

        @Override
        protected void doStart() {
            try {
                http = HttpServer.create(address, 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
            }
            // One daemon thread: scrapes are rare and small, and must never keep the JVM alive.
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "metrics-endpoint");
                thread.setDaemon(true);
                return thread;
            });
            http.createContext("/metrics", this::scrape);
            http.setExecutor(executor);
            http.start();
        }

        @Override
        protected void doStop() {
            if (http != null) {
                http.stop(0);
                executor.shutdownNow();
            }
        }

        private void scrape(HttpExchange exchange) throws IOException {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
