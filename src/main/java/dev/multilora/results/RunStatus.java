package dev.multilora.results;

import java.util.Locale;

/** How a run that wrote results ended, as results.json's `status` says it. */
public enum RunStatus {
    /** Every planned request was sent. */
    COMPLETED,
    /** A stop condition (max_duration_s, max_error_rate) ended it early. */
    STOPPED,
    /** The server died or stopped answering. */
    FAILED,
    /** Ctrl-C, SIGTERM or a cancellation. */
    INTERRUPTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
