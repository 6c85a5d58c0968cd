package dev.multilora.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny PEFT adapter directories, enough for vLLM's (and the stand-in's) load checks. */
final class AdapterDirs {

    private AdapterDirs() {
    }

    static Path create(Path parent, String name, int rank) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve("adapter_config.json"), "{\"r\": " + rank + ", \"lora_alpha\": " + 2 * rank
                + ", \"target_modules\": [\"q_proj\", \"v_proj\"], \"bias\": \"none\"}");
        Files.write(dir.resolve("adapter_model.safetensors"), new byte[64]);
        return dir;
    }

    /** {@code name=path} arguments for --lora-modules, one adapter of rank 8 per name. */
    static String[] modules(Path parent, String... names) throws IOException {
        String[] modules = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            modules[i] = names[i] + "=" + create(parent, names[i], 8);
        }
        return modules;
    }
}
