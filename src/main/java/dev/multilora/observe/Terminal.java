package dev.multilora.observe;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is watching: standard input and output are a terminal, not a file or a pipe. */
public final class Terminal {
    private Terminal() {
    }

    public static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 System.console() exists even when redirected; Console.isTerminal() tells them apart.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
