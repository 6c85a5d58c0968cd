package dev.multilora.engine;

import dev.multilora.config.ConfigException;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The engines this tool speaks, by their server.engine name. */
public final class ServingEngines {
    public static final List<ServingEngine> ALL = List.of(new VllmEngine(), new SglangEngine(), new LlamaCppEngine(),
            new TgiEngine(), new LoraxEngine());

    private ServingEngines() {
    }

    public static List<String> names() {
        return ALL.stream().map(ServingEngine::name).toList();
    }

    /** The engine of a run's config. */
    public static ServingEngine of(EffectiveConfig config) {
        return named(config.string(Setting.SERVER_ENGINE));
    }

    public static ServingEngine named(String name) {
        return ALL.stream().filter(engine -> engine.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("server.engine " + name + " is not one of " + names()));
    }

    /**
     * Refuses a config that sets keys the engine has no equivalent for (away from their defaults),
     * naming each key and the engine; a managed launch also refuses a key with no flag.
     *
     * @throws ConfigException naming the config file, the keys and the engine
     */
    public static ServingEngine checked(EffectiveConfig config) {
        ServingEngine engine = of(config);
        boolean managed = config.string(Setting.SERVER_MODE).equals("managed");
        List<String> refused = new ArrayList<>();
        for (Map.Entry<Setting, String> unsupported : engine.unsupported().entrySet()) {
            Setting setting = unsupported.getKey();
            boolean launchOnly = !setting.section().equals("generation");
            if ((managed || !launchOnly) && !Objects.equals(config.value(setting), setting.defaultValue())) {
                refused.add(setting.key() + " (" + unsupported.getValue() + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new ConfigException(config.source() + ": server.engine is " + engine.name() + ", and " + engine.displayName()
                    + " has no equivalent for " + String.join("; ", refused) + ". Leave " + (refused.size() == 1 ? "it" : "them")
                    + " unset for this engine.");
        }
        return engine;
    }
}
