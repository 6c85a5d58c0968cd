package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionWarmupTest {
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private DefaultCamelContext camel;
    private String base;

    @BeforeEach
    void startServerAndCamel() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        camel = new DefaultCamelContext();
        camel.start();
        base = "http://127.0.0.1:" + server.getLocalPort();
    }

    @AfterEach
    void stop() throws IOException {
        camel.close();
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void opensOneConnectionPerSlotAndLeavesThemInTheRunsPoolWithoutSendingARequest() throws Exception {
        HttpEndpoint endpoint = endpointWithSlots(8);

        ConnectionWarmup.open(endpoint, base, 8);

        PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) endpoint.getClientConnectionManager();
        assertEquals(8, pool.getTotalStats().getAvailable(), "eight idle connections wait in the pool for the requests");
        assertEquals(0, pool.getTotalStats().getLeased());
        awaitConnections(8);
        assertEquals(8, accepted.size(), "eight connections reached the server");
        for (Socket socket : accepted) {
            assertEquals(0, socket.getInputStream().available(), "nothing was sent on them");
        }
    }

    @Test
    void aNewRunOpensConnectionsOfItsOwnInsteadOfReusingThoseAnEarlierRunLeftIdle() throws Exception {
        HttpEndpoint endpoint = endpointWithSlots(4);

        ConnectionWarmup.open(endpoint, base, 4);
        ConnectionWarmup.open(endpoint, base, 4);

        PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) endpoint.getClientConnectionManager();
        assertEquals(4, pool.getTotalStats().getAvailable(), "the second run's four connections wait in the pool");
        awaitConnections(8);
        assertEquals(8, accepted.size(), "each run connected afresh: the first run's idle connections were not reused");
    }

    @Test
    void warmingTheNextServerOfARunLeavesTheConnectionsToTheOneBeforeIt() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String otherBase = "http://127.0.0.1:" + other.getLocalPort();
            HttpEndpoint first = endpointWithSlots(4);
            HttpEndpoint second = camel.getEndpoint(otherBase + "/v1/completions?httpMethod=POST&connectionsPerRoute=4&maxTotalConnections=4",
                    HttpEndpoint.class);

            ConnectionWarmup.open(first, base, 4);
            ConnectionWarmup.open(second, otherBase, 4);

            PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) first.getClientConnectionManager();
            HttpRoute route = new HttpRoute(new HttpHost("http", "127.0.0.1", server.getLocalPort()));
            assertEquals(4, pool.getStats(route).getAvailable(), "the first server's connections are still there");
        }
    }

    private HttpEndpoint endpointWithSlots(int slots) {
        return camel.getEndpoint(base + "/v1/completions?httpMethod=POST&connectionsPerRoute=" + slots
                + "&maxTotalConnections=" + slots, HttpEndpoint.class);
    }

    private void awaitConnections(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (accepted.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
