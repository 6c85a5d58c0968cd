package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;

class ConnectionWarmupTest {

    @Test
    void opensOneConnectionPerSlotAndLeavesThemInTheRunsPoolWithoutSendingARequest() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DefaultCamelContext camel = new DefaultCamelContext()) {
            acceptInto(accepted, server);
            camel.start();
            String base = "http://127.0.0.1:" + server.getLocalPort();
            HttpEndpoint endpoint = camel.getEndpoint(base + "/v1/completions?httpMethod=POST&connectionsPerRoute=8&maxTotalConnections=8",
                    HttpEndpoint.class);

            ConnectionWarmup.open(endpoint, base, 8);

            PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) endpoint.getClientConnectionManager();
            assertEquals(8, pool.getTotalStats().getAvailable(), "eight idle connections wait in the pool for the requests");
            assertEquals(0, pool.getTotalStats().getLeased());
            awaitConnections(accepted, 8);
            assertEquals(8, accepted.size(), "eight connections reached the server");
            for (Socket socket : accepted) {
                assertEquals(0, socket.getInputStream().available(), "nothing was sent on them");
                socket.close();
            }
        }
    }

    @Test
    void aNewRunOpensConnectionsOfItsOwnInsteadOfReusingThoseAnEarlierRunLeftIdle() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DefaultCamelContext camel = new DefaultCamelContext()) {
            acceptInto(accepted, server);
            camel.start();
            String base = "http://127.0.0.1:" + server.getLocalPort();
            HttpEndpoint endpoint = camel.getEndpoint(base + "/v1/completions?httpMethod=POST&connectionsPerRoute=4&maxTotalConnections=4",
                    HttpEndpoint.class);

            ConnectionWarmup.open(endpoint, base, 4);
            ConnectionWarmup.open(endpoint, base, 4);

            PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) endpoint.getClientConnectionManager();
            assertEquals(4, pool.getTotalStats().getAvailable(), "the second run's four connections wait in the pool");
            awaitConnections(accepted, 8);
            assertEquals(8, accepted.size(), "each run connected afresh: the first run's idle connections were not reused");
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private static void acceptInto(List<Socket> accepted, ServerSocket server) {
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
    }

    private static void awaitConnections(List<Socket> accepted, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (accepted.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
