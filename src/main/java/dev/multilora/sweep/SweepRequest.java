package dev.multilora.sweep;

import java.nio.file.Path;

/**
 * Asks for a sweep: its plan, and the folder of an earlier attempt to finish (null for a new sweep).
 */
public record SweepRequest(SweepPlan plan, Path resume) {
}
