package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.multilora.run.RunOutcome;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real webhook receiver, one that hangs, and a folder: each finished run reaches every one, and none can hold it up. */
class NotificationsRouteTest extends PipelineTestSupport {
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer webhooks;

    @AfterEach
    void stopWebhooks() {
        released.countDown();
        if (webhooks != null) {
            webhooks.stop(0);
        }
    }

    @Test
    void aFinishedRunIsPostedToTheWebhookAndDroppedInTheFolderWhileAHangingWebhookIsLeftBehind() throws Exception {
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/hook", exchange -> {
            received.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhooks.createContext("/hangs", exchange -> {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        webhooks.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        webhooks.start();
        String base = "http://127.0.0.1:" + webhooks.getAddress().getPort();
        Path folder = work().resolve("notifications");

        RunOutcome outcome = bench(DATASETS.resolve("forty.jsonl"), Map.of(
                "notify.endpoints", "[\"" + base + "/hangs\", \"" + base + "/hook\", \"file:" + folder + "\"]",
                "notify.timeout_s", "1"));

        assertTrue(outcome.isCompleted(), outcome.message());
        String posted = received.poll(20, TimeUnit.SECONDS);
        assertTrue(posted != null && posted.startsWith("POST "), "the webhook was POSTed to after the hanging one timed out: " + posted);
        JsonNode summary = json.readTree(posted.substring("POST ".length()));
        assertEquals("completed", summary.get("status").asText());
        assertEquals(40, summary.get("successful_requests").asInt());
        assertEquals(outcome.folder().toString(), summary.get("folder").asText());
        Path dropped = awaitFile(folder);
        assertEquals(outcome.folder().getFileName() + ".json", dropped.getFileName().toString());
        assertEquals(summary, json.readTree(dropped.toFile()));
    }

    @Test
    void aRunThatCouldNotRunIsNotifiedWithItsReason() throws Exception {
        Path folder = work().resolve("notifications");

        RunOutcome outcome = bench(DATASETS.resolve("invalid-only.jsonl"), Map.of("notify.endpoints", "[\"file:" + folder + "\"]"));

        JsonNode summary = json.readTree(awaitFile(folder).toFile());
        assertEquals("failed", summary.get("status").asText());
        assertTrue(summary.get("message").asText().contains("no valid line"), summary.toString());
        assertEquals(outcome.folder().toString(), summary.get("folder").asText());
    }

    private static Path awaitFile(Path folder) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < giveUp) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> found = files.filter(p -> p.toString().endsWith(".json")).toList();
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no notification in " + folder);
    }
}
