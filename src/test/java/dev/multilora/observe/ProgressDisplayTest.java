package dev.multilora.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);

    @Test
    void withoutATerminalProgressIsPlainLines() {
        ProgressDisplay display = ProgressDisplay.on(stream, false);

        display.show(new ProgressSnapshot(15, 60, 1, 0, 3.0));
        display.finish(new ProgressSnapshot(60, 60, 2, 0, 12.0));

        String text = captured.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "no carriage return in a file or a pipe");
        assertEquals(List.of("progress: 15/60 (25%), 1 failed, 5.0 req/s, ETA 9s",
                "requests done: 60/60 (100%), 2 failed, 5.0 req/s, ETA 0s"), text.lines().toList());
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlace() {
        ProgressDisplay display = ProgressDisplay.on(stream, true);

        display.show(new ProgressSnapshot(30, 60, 0, 0, 2.0));
        display.finish(new ProgressSnapshot(60, 60, 0, 0, 4.0));

        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r[###############---------------] 30/60 (50%)"), text);
        assertTrue(text.endsWith(System.lineSeparator()), "the finished bar leaves the line clean");
    }

    @Test
    void theEtaIsUnknownUntilARequestHasFinished() {
        assertEquals("0/10 (0%), 0 failed, 0.0 req/s, ETA ?", new ProgressSnapshot(0, 10, 0, 0, 1.0).describe());
        assertEquals("10/600 (2%), 0 failed, 1.0 req/s, ETA 9m50s", new ProgressSnapshot(10, 600, 0, 0, 10.0).describe());
        assertEquals("600/600 (100%), 5 failed, 46 not sent, 7.3 req/s, ETA 0s", new ProgressSnapshot(600, 600, 5, 46, 82.0).describe());
    }
}
