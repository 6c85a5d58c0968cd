package dev.multilora.config;

import java.util.List;

/** The values server.engine takes: the engines of the engine package, named here for validation. */
final class EngineNames {
    static final List<String> ALLOWED = List.of("vllm", "sglang", "llamacpp", "tgi", "lorax");

    private EngineNames() {
    }
}
