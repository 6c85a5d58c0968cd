package dev.multilora.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads lora.adapters_dir: each subfolder with adapter_config.json and weights is an adapter named
 * after the folder. Checks what vLLM checks before it would refuse to start: weights present, rank
 * within --max-lora-rank. For llama.cpp, each .gguf file is an adapter named after the file.
 */
public final class AdapterScanner {
    private static final List<String> WEIGHT_FILES = List.of("adapter_model.safetensors", "adapter_model.bin");

    private final ObjectMapper json = new ObjectMapper();

    public AdapterCatalog scan(Path adaptersDir, int maxLoraRank) {
        if (!Files.isDirectory(adaptersDir)) {
            throw new IllegalArgumentException("lora.adapters_dir " + adaptersDir + " is not a directory");
        }
        List<Adapter> adapters = new ArrayList<>();
        List<ExcludedAdapter> excluded = new ArrayList<>();
        try (Stream<Path> children = Files.list(adaptersDir)) {
            for (Path folder : children.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = folder.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                inspect(folder, maxLoraRank, adapters, excluded);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("lora.adapters_dir " + adaptersDir + " cannot be read: " + e.getMessage());
        }
        return new AdapterCatalog(adapters, excluded);
    }

    private static final String GGUF = ".gguf";

    /** lora.adapters_dir for llama.cpp: each *.gguf file, named by its file name without .gguf; rank unknown (0). */
    public AdapterCatalog scanGguf(Path adaptersDir) {
        if (!Files.isDirectory(adaptersDir)) {
            throw new IllegalArgumentException("lora.adapters_dir " + adaptersDir + " is not a directory");
        }
        List<Adapter> adapters = new ArrayList<>();
        List<ExcludedAdapter> excluded = new ArrayList<>();
        try (Stream<Path> children = Files.list(adaptersDir)) {
            for (Path file : children.sorted(Comparator.comparing(Path::toString)).toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(".")) {
                    continue;
                }
                if (Files.isRegularFile(file) && fileName.endsWith(GGUF)) {
                    adapters.add(new Adapter(ggufName(file), file.toAbsolutePath().normalize(), 0));
                } else if (Files.isDirectory(file)) {
                    excluded.add(new ExcludedAdapter(fileName, "a folder: llama.cpp loads adapters as .gguf files"
                            + " (convert PEFT adapters with llama.cpp's convert_lora_to_gguf.py)"));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("lora.adapters_dir " + adaptersDir + " cannot be read: " + e.getMessage());
        }
        return new AdapterCatalog(adapters, excluded);
    }

    /** An adapter file's name without its .gguf extension. */
    public static String ggufName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(GGUF) ? fileName.substring(0, fileName.length() - GGUF.length()) : fileName;
    }

    private void inspect(Path folder, int maxLoraRank, List<Adapter> adapters, List<ExcludedAdapter> excluded) {
        String name = folder.getFileName().toString();
        Path config = folder.resolve("adapter_config.json");
        if (!Files.isRegularFile(config)) {
            excluded.add(new ExcludedAdapter(name, "no adapter_config.json in " + folder));
            return;
        }
        if (WEIGHT_FILES.stream().noneMatch(w -> Files.isRegularFile(folder.resolve(w)))) {
            excluded.add(new ExcludedAdapter(name, "no weights (" + String.join(" or ", WEIGHT_FILES) + ") in " + folder));
            return;
        }
        JsonNode rank;
        try {
            rank = json.readTree(config.toFile()).path("r");
        } catch (IOException e) {
            excluded.add(new ExcludedAdapter(name, "adapter_config.json is not valid JSON: " + e.getMessage()));
            return;
        }
        if (!rank.canConvertToInt() || !rank.isIntegralNumber() || rank.intValue() < 1) {
            excluded.add(new ExcludedAdapter(name, "adapter_config.json has no positive integer rank \"r\""));
            return;
        }
        if (rank.intValue() > maxLoraRank) {
            excluded.add(new ExcludedAdapter(name,
                    "rank " + rank.intValue() + " is greater than lora.max_lora_rank " + maxLoraRank));
            return;
        }
        adapters.add(new Adapter(name, folder.toAbsolutePath().normalize(), rank.intValue()));
    }
}
