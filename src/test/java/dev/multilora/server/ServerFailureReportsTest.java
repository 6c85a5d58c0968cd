package dev.multilora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.engine.ServingEngines;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start-up failure's report says: about this launch, and about what the port really did. */
class ServerFailureReportsTest {
    @TempDir
    Path work;

    @Test
    void theLogTailOfAFailedLaunchIsThatLaunchsOwn() throws Exception {
        Path log = work.resolve("server.log");
        Files.writeString(log, "an earlier launch's line\n");
        ServerLaunch launch = new ServerLaunch(List.of("sh", "-c", "echo this launch failed; exit 3"), Map.of(), "127.0.0.1", 1,
                "http://127.0.0.1:1", Map.of(), Duration.ofSeconds(5), null,
                ServingEngines.named("vllm"), "base");

        ServerProcess process = ServerProcess.start(launch, log, Files.size(log));

        assertEquals(3, process.awaitExit());
        assertEquals("this launch failed", process.logTail());
    }

    @Test
    void anApiKeyOnTheCommandLineIsRedactedInTheLogTailAndTheShownCommand() throws Exception {
        Path log = work.resolve("server.log");
        ServerLaunch launch = new ServerLaunch(List.of("sh", "-c", "echo server_args api_key=s3cret-key; exit 2", "--api-key", "s3cret-key"),
                Map.of(), "127.0.0.1", 1, "http://127.0.0.1:1", Map.of(), Duration.ofSeconds(5), "s3cret-key",
                ServingEngines.named("sglang"), "base");

        ServerProcess process = ServerProcess.start(launch, log, 0);

        assertEquals(2, process.awaitExit());
        assertEquals("server_args api_key=<redacted>", process.logTail());
        assertTrue(launch.describe().endsWith("--api-key <redacted>"), launch.describe());
    }

    @Test
    void aHealthCheckThatHangsIsNotReportedAsARefusedPort() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            ServerFailedException failure = assertThrows(ServerFailedException.class, () -> new ServerProbe()
                    .awaitHealthy("http://127.0.0.1:" + silent.getLocalPort(), ServingEngines.named("vllm"), Duration.ofMillis(200), Optional::empty, Optional::empty));

            assertTrue(failure.getMessage().contains("accepted the connection but did not answer"), failure.getMessage());
        }
    }
}
