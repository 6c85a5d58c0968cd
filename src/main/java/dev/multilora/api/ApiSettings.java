package dev.multilora.api;

import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.sweep.SweepFile;
import dev.multilora.sweep.SweepPlan;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration as the API sees it: read again on every call, as `watch` reads it again for
 * every dataset, so the inbox, outbox and token an answer uses are those the next run will use.
 */
public final class ApiSettings {
    private final ConfigLoader loader;
    private final Path configFile;
    private final Map<String, String> overrides;

    public ApiSettings(ConfigLoader loader, Path configFile, Map<String, String> overrides) {
        this.loader = loader;
        this.configFile = configFile;
        this.overrides = Map.copyOf(overrides);
    }

    public EffectiveConfig current() {
        try {
            return loader.load(configFile, overrides);
        } catch (ConfigException e) {
            throw new ApiRequestException(503, null, "the configuration cannot be read, so no run can start: " + e.getMessage());
        }
    }

    /** The sweep file as the inbox will read it, with its relative paths from {@code relativeTo}; a bad key names itself. */
    SweepPlan sweep(Path file, Path relativeTo) {
        return new SweepFile(loader).read(file, configFile, relativeTo);
    }

    /** The configuration a run would have with this sidecar applied; a bad key names itself in the message. */
    EffectiveConfig with(Path sidecar) {
        return loader.load(configFile, sidecar, overrides);
    }
}
