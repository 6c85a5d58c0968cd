package dev.multilora.work;

import dev.multilora.config.EffectiveConfig;
import java.nio.file.Path;

/**
 * A worker's run as `watch` collected it.
 *
 * @param folder where its files now are in the coordinator's outbox; null when it left no folder
 * @param config the coordinator's config as read for it (its notify.endpoints)
 */
public record CollectedRun(WorkResult result, Path folder, EffectiveConfig config) {
}
