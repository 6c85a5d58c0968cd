package dev.multilora.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.testing.BrokerTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * A worker's routes against a real embedded Artemis broker and the fake server: a run message it may
 * take is benchmarked as an ordinary run and its results, files and runs.jsonl line come back on the
 * results queue; one that requires another GPU is left on the queue for the worker that serves it.
 */
class WorkerRouteTest extends BrokerTestSupport {
    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected String extraConfig() {
        return "work: {gpu: H100, name: test-worker}\n";
    }

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.setProperty("multilora.work.broker_url", brokerUrl());
        properties.setProperty("multilora.worker", "true");
        properties.setProperty("multilora.work.selector", "(requires_gpu IS NULL OR requires_gpu = 'H100')");
        return properties;
    }

    @Test
    void aRunItMayTakeComesBackAsResultsAndOneForAnotherGpuStaysQueued() throws Exception {
        String dataset = Base64.getEncoder().encodeToString(Files.readAllBytes(DATASETS.resolve("forty.jsonl")));
        WorkItem elsewhere = new WorkItem("for-a10g", "elsewhere", WorkItem.INBOX, dataset, null, Map.of(), null, Map.of("gpu", "A10G"), 0, null);
        WorkItem here = new WorkItem("for-h100", "here", WorkItem.INBOX, dataset, "benchmark: {concurrency: 2}\n", Map.of(), null,
                Map.of("gpu", "H100"), 0, null);
        template.sendBodyAndHeader("jms:queue:multilora.work", json.writeValueAsString(elsewhere), "requires_gpu", "A10G");
        template.sendBodyAndHeader("jms:queue:multilora.work", json.writeValueAsString(here), "requires_gpu", "H100");

        String message = receiveText("multilora.results", 60_000);
        assertNotNull(message, "the worker sends the run's results");
        WorkResult result = json.readValue(message, WorkResult.class);
        assertEquals("for-h100", result.workId());
        assertEquals("test-worker", result.worker());
        assertEquals("completed", result.status());
        assertEquals(1, result.attempt());
        assertTrue(result.files().containsKey("results.json") && result.files().containsKey("results.csv"), result.files().keySet().toString());
        String results = new String(Base64.getDecoder().decode(result.files().get("results.json")), StandardCharsets.UTF_8);
        assertTrue(results.contains("\"max_concurrency\" : 2"), "the sidecar travelled with the run");
        assertEquals(result.folder(), result.history().get("run"));
        assertEquals(40, ((Number) result.history().get("successful_requests")).intValue());
        assertTrue(Files.isDirectory(outbox().resolve(result.folder())), "the run folder stays in the worker's own outbox too");

        String left = receiveText("multilora.work", 5_000);
        assertNotNull(left, "the A10G run waits for a worker serving an A10G");
        assertEquals("for-a10g", json.readValue(left, WorkItem.class).id());
    }

    /** Read while the session is open: a results message over 100 KiB is an Artemis large message, streamed from its session. */
    private static String receiveText(String queue, long timeoutMs) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl());
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createConsumer(session.createQueue(queue)).receive(timeoutMs);
            if (message == null) {
                return null;
            }
            // the routes marshal to JSON bytes, which Camel sends as a BytesMessage
            return message instanceof TextMessage text ? text.getText() : new String(message.getBody(byte[].class), StandardCharsets.UTF_8);
        }
    }
}
