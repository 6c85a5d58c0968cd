package dev.multilora.cli;

import dev.multilora.client.CompletionCall;
import dev.multilora.observe.CurrentRun;
import dev.multilora.run.BenchmarkRun;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM as a person means them: while a run is open, nothing more is sent, the
 * responses still arriving are cut, and the run reports what it measured as interrupted; the
 * command then exits 130 (SIGINT) or 143 (SIGTERM). With no run open (an idle `watch`) the process
 * stops at once. A second signal stops it at once too.
 */
final class Interruptions {
    private static final Map<String, Integer> EXIT_CODES = Map.of("INT", 130, "TERM", 143);

    private final CurrentRun currentRun;
    private final CompletionCall calls;
    private final Runnable afterInterrupting;
    private final AtomicReference<String> received = new AtomicReference<>();

    /** @param afterInterrupting what else stops once the open run is told to stop (`watch`: the Camel context, gracefully) */
    Interruptions(CurrentRun currentRun, CompletionCall calls, Runnable afterInterrupting) {
        this.currentRun = currentRun;
        this.calls = calls;
        this.afterInterrupting = afterInterrupting;
    }

    void install() {
        EXIT_CODES.keySet().forEach(name -> Signal.handle(new Signal(name), this::handle));
    }

    /** 130 or 143 once a signal came; empty otherwise. */
    Optional<Integer> exitCode() {
        return Optional.ofNullable(received.get()).map(name -> EXIT_CODES.get(name.substring("SIG".length())));
    }

    private void handle(Signal signal) {
        String name = "SIG" + signal.getName();
        if (!received.compareAndSet(null, name)) {
            System.err.println(name + " again: stopping now");
            System.exit(EXIT_CODES.get(signal.getName()));
        }
        Optional<BenchmarkRun> open = currentRun.open();
        if (open.isPresent()) {
            System.err.println(describe(name) + ": stopping the run; what it measured so far is kept and reported ("
                    + name + " again to stop now)");
            open.get().interrupt(describe(name));
            calls.cutInFlight();
            afterInterrupting.run();
        } else {
            System.err.println(describe(name) + ": stopping");
            System.exit(EXIT_CODES.get(signal.getName()));
        }
    }

    private static String describe(String name) {
        return name.equals("SIGINT") ? "SIGINT (Ctrl-C)" : name;
    }
}
