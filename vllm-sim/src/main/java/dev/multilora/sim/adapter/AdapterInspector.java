package dev.multilora.sim.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Applies the checks vLLM makes when it loads a PEFT adapter directory (lora_model.py and
 * peft_helper.py), with vLLM's messages. Tensor contents are not read.
 */
public final class AdapterInspector {

    private static final List<String> REQUIRED_FIELDS = List.of("r", "lora_alpha", "target_modules");
    private static final List<String> WEIGHT_FILES =
            List.of("adapter_model.safetensors", "adapter_model.bin", "adapter_model.pt");

    private final ObjectMapper json = new ObjectMapper();
    private final int maxLoraRank;

    public AdapterInspector(int maxLoraRank) {
        this.maxLoraRank = maxLoraRank;
    }

    public Adapter inspect(String name, String path, String parent) throws AdapterLoadException {
        Path dir = Path.of(path.startsWith("~") ? System.getProperty("user.home") + path.substring(1) : path);
        Path configFile = dir.resolve("adapter_config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new AdapterLoadException(
                    "Loading lora " + name + " failed: No adapter found for " + path, true);
        }
        JsonNode config = readConfig(configFile);
        TreeSet<String> missing = new TreeSet<>();
        REQUIRED_FIELDS.stream().filter(field -> !config.hasNonNull(field)).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new AdapterLoadException("Missing required configuration fields: " + pythonSet(missing), false);
        }
        int rank = config.get("r").asInt();
        if (!config.get("r").canConvertToInt() || rank <= 0) {
            throw new AdapterLoadException("Invalid LoRA rank " + config.get("r") + " in " + configFile, false);
        }
        if (config.hasNonNull("bias") && !"none".equals(config.get("bias").asText())) {
            throw new AdapterLoadException("Adapter bias is not supported.", false);
        }
        if (config.path("use_dora").asBoolean(false)) {
            throw new AdapterLoadException("vLLM does not yet support DoRA.", false);
        }
        if (rank > maxLoraRank) {
            throw new AdapterLoadException(
                    "LoRA rank " + rank + " is greater than max_lora_rank " + maxLoraRank + ".", false);
        }
        if (WEIGHT_FILES.stream().noneMatch(file -> Files.isRegularFile(dir.resolve(file)))) {
            throw new AdapterLoadException(path + " doesn't contain tensors", false);
        }
        return new Adapter(name, path, rank, parent);
    }

    /**
     * A llama.cpp GGUF adapter file: it must exist; its contents are not read (rank 0 = unknown).
     * Anything else is taken as a PEFT directory and checked as {@link #inspect} does.
     */
    public Adapter inspectGgufOrDirectory(String name, String path, String parent) throws AdapterLoadException {
        if (!path.endsWith(".gguf")) {
            return inspect(name, path, parent);
        }
        if (!Files.isRegularFile(Path.of(path))) {
            throw new AdapterLoadException("No such file: " + path, true);
        }
        return new Adapter(name, path, 0, parent);
    }

    private JsonNode readConfig(Path configFile) throws AdapterLoadException {
        try {
            JsonNode config = json.readTree(configFile.toFile());
            if (config == null || !config.isObject()) {
                throw new AdapterLoadException(configFile + " is not a JSON object", false);
            }
            return config;
        } catch (IOException e) {
            throw new AdapterLoadException("Cannot read " + configFile + ": " + e.getMessage(), false);
        }
    }

    private static String pythonSet(TreeSet<String> names) {
        return "{" + String.join(", ", names.stream().map(n -> "'" + n + "'").toList()) + "}";
    }
}
