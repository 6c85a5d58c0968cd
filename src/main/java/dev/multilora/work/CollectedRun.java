package dev.multilora.work;

import dev.multilora.config.EffectiveConfig;
import dev.multilora.run.RunOutcome;
import java.nio.file.Path;

/**
 * A worker's run as `watch` collected it.
 *
 * @param folder where its files now are in the coordinator's outbox; null when it left no folder
 * @param config the coordinator's config as read for it (its notify.endpoints)
 */
public record CollectedRun(WorkResult result, Path folder, EffectiveConfig config) {

    /** How the worker's run ended, as a local run's outcome would say it (a run its stop condition ended early completed). */
    static RunOutcome outcome(WorkResult result, Path folder) {
        RunOutcome.Status status = switch (result.status()) {
            case "completed", "stopped" -> RunOutcome.Status.COMPLETED;
            case "interrupted" -> RunOutcome.Status.INTERRUPTED;
            case "cancelled" -> RunOutcome.Status.CANCELLED;
            default -> RunOutcome.Status.FAILED;
        };
        String message = result.message() != null ? result.message() : "run on worker " + result.worker();
        return new RunOutcome(status, folder, message, null);
    }
}
