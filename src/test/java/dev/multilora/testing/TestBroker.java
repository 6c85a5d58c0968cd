package dev.multilora.testing;

import dev.multilora.config.ConfigLoader;
import dev.multilora.work.EmbeddedBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** An embedded Artemis broker for route tests: on 127.0.0.1, a free port, its journal in {@code folder}, 3 attempts 100 ms apart. */
public final class TestBroker {
    private TestBroker() {
    }

    public static EmbeddedBroker start(Path folder) throws Exception {
        Path config = Files.writeString(folder.resolve("config.yaml"), "model: {name: base-model}\n");
        return EmbeddedBroker.start(new ConfigLoader(Map.of(), new Properties(), folder).load(config, Map.of()), "127.0.0.1", freePort(),
                folder.resolve("data"), 3, 100);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
