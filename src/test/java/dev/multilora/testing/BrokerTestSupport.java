package dev.multilora.testing;

import dev.multilora.config.ConfigLoader;
import dev.multilora.work.EmbeddedBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route tests of the work queue: the pipeline as {@link PipelineTestSupport} runs it, beside one real
 * embedded Artemis broker per test class (127.0.0.1, a free port, 3 delivery attempts 100 ms apart).
 */
public abstract class BrokerTestSupport extends PipelineTestSupport {
    @TempDir
    static Path brokerData;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path config = Files.writeString(brokerData.resolve("config.yaml"), "model: {name: base-model}\n");
        broker = EmbeddedBroker.start(new ConfigLoader(Map.of(), new Properties(), brokerData).load(config, Map.of()), "127.0.0.1",
                freePort(), brokerData.resolve("data"), 3, 100);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    protected static String brokerUrl() {
        return broker.url();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
