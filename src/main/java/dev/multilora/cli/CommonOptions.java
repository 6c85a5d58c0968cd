package dev.multilora.cli;

import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command takes: which config file, and -D overrides. */
final class CommonOptions {
    @Option(names = "--config", paramLabel = "PATH",
            description = "Configuration file (default: ./config.yaml if present, else the project's config.yaml).")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Set any configuration key, e.g. -D benchmark.seed=7 (beats the environment and the file).")
    Map<String, String> properties = new LinkedHashMap<>();

    Path home() {
        return Path.of(System.getProperty("multilora.home", "")).toAbsolutePath().normalize();
    }

    Path configFile() {
        if (config != null) {
            return config.toAbsolutePath().normalize();
        }
        Path local = Path.of("config.yaml").toAbsolutePath();
        return Files.isRegularFile(local) ? local : home().resolve("config.yaml");
    }

    /** -D values join the JVM's system properties, the layer they belong to. */
    ConfigLoader loader() {
        properties.forEach(System::setProperty);
        return ConfigLoader.fromProcess();
    }

    EffectiveConfig load(ConfigLoader loader, Map<String, String> cliOverrides) {
        return loader.load(configFile(), cliOverrides);
    }

    /** The configuration, or empty after saying on stderr what is wrong with it (the command then exits 2). */
    Optional<EffectiveConfig> loadOrSay(Map<String, String> cliOverrides) {
        try {
            return Optional.of(load(loader(), cliOverrides));
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The configuration, for a command that needs the work queue's broker; empty (having said why)
     * when it cannot be read or sets no work.broker_url.
     *
     * @param why what the command needs the broker for, for the error
     */
    Optional<EffectiveConfig> loadWithBroker(String why) {
        Optional<EffectiveConfig> loaded = loadOrSay(Map.of());
        if (loaded.isPresent() && loaded.get().optionalString(Setting.WORK_BROKER_URL).isEmpty()) {
            System.err.println("error: work.broker_url is not set in " + loaded.get().source() + ": " + why);
            return Optional.empty();
        }
        return loaded;
    }
}
