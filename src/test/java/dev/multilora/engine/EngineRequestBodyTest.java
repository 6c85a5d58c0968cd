package dev.multilora.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.client.CompletionRequestBody;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.run.PlannedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request bodies exactly as each engine documents them: which field selects the adapter, which sampling fields it takes. */
class EngineRequestBodyTest {
    private static final String BASE = "meta-llama/Llama-3.1-8B-Instruct";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private final ServedAdapters byName = new ServedAdapters(BASE, Map.of("sql", "/adapters/sql"), Map.of());
    private final ServedAdapters llamaIds = new ServedAdapters(BASE, Map.of(), inIdOrder("code", "sql"));

    private static Map<String, Integer> inIdOrder(String... names) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String name : names) {
            ids.put(name, ids.size());
        }
        return ids;
    }

    @Test
    void vllmAndTgiNameTheAdapterInModel() throws IOException {
        assertEquals("{\"model\":\"sql\",\"prompt\":\"Hi\",\"max_tokens\":8,\"temperature\":0.0,\"top_p\":1.0,\"top_k\":-1,"
                + "\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}", body("vllm", "sql", byName));
        assertEquals("{\"model\":\"sql\",\"prompt\":\"Hi\",\"max_tokens\":8,\"temperature\":0.0,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}", body("tgi", "sql", byName), "TGI refuses top_k -1 and top_p 1.0");
        assertEquals("tgi", JSON.readTree(body("tgi", BASE, byName)).get("model").asText(), "TGI's name for its base model");
    }

    @Test
    void sglangNamesBaseAndAdapter() throws IOException {
        assertEquals(BASE + ":sql", JSON.readTree(body("sglang", "sql", byName)).get("model").asText());
        assertEquals(BASE, JSON.readTree(body("sglang", BASE, byName)).get("model").asText());
    }

    @Test
    void llamaCppScalesEveryAdapterExplicitly() throws IOException {
        assertEquals("[{\"id\":0,\"scale\":0.0},{\"id\":1,\"scale\":1.0}]",
                JSON.readTree(body("llamacpp", "sql", llamaIds)).get("lora").toString());
        assertEquals("[{\"id\":0,\"scale\":0.0},{\"id\":1,\"scale\":0.0}]",
                JSON.readTree(body("llamacpp", BASE, llamaIds)).get("lora").toString(), "the base model: every adapter at 0");
    }

    @Test
    void loraxNamesLocalAdaptersByPathAndHasItsOwnIgnoreEos() throws IOException {
        var sql = JSON.readTree(body("lorax", "sql", byName));
        assertEquals("/adapters/sql", sql.get("model").asText());
        assertEquals("local", sql.get("adapter_source").asText());
        assertEquals(true, sql.get("ignore_eos_token").asBoolean());
        assertFalse(sql.has("ignore_eos"));
        assertFalse(sql.has("temperature"), "LoRAX's completions refuse temperature 0; without it they are greedy");
        assertEquals("", JSON.readTree(body("lorax", BASE, byName)).get("model").asText());
    }

    private String body(String engine, String adapter, ServedAdapters served) throws IOException {
        Path file = folder.resolve("config.yaml");
        Files.writeString(file, """
                model: {name: %s}
                server: {engine: %s, mode: external, url: "http://gpu:8000"}
                generation: {max_tokens: 8, temperature: 0.0, ignore_eos: %s}
                """.formatted(BASE, engine, !engine.equals("tgi")));
        EffectiveConfig config = new ConfigLoader(Map.of(), new Properties(), folder).load(file, Map.of());
        PlannedRequest request = new PlannedRequest(1, 1, "Hi", adapter, null, null, 0.0);
        return JSON.writeValueAsString(new CompletionRequestBody().build(request, config, ServingEngines.of(config), served));
    }
}
