package dev.multilora.report.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A short hash of results.json's "config", so two runs can be told to have measured the same thing.
 * Where files live (paths, the dataset's path), how datasets arrive (inbox, api) and how this tool
 * is observed and reports (metrics, notify) do not change what is measured, and are left out; so
 * are keys that came later (generation.endpoint, server.engine, urls, balance, max_num_seqs) at the
 * defaults every run made before them had, and an unset server.command of vLLM counts as the
 * `vllm serve` it used to default to, so older runs keep their hash and their comparisons.
 */
final class ConfigFingerprint {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ConfigFingerprint() {
    }

    private static void withoutLaterDefaults(Map<String, Object> config, String section, Map<String, Object> defaults) {
        if (config.get(section) instanceof Map<?, ?> keys) {
            Map<Object, Object> left = new LinkedHashMap<>(keys);
            defaults.forEach((key, value) -> {
                if (left.containsKey(key) && Objects.equals(left.get(key), value)) {
                    left.remove(key);
                }
            });
            config.put(section, left);
        }
    }

    static String of(Map<String, Object> config) {
        Map<String, Object> measured = new LinkedHashMap<>(config);
        measured.remove("paths");
        measured.remove("inbox");
        measured.remove("api");
        measured.remove("metrics");
        measured.remove("notify");
        withoutLaterDefaults(measured, "generation", Map.of("endpoint", "completions"));
        if (measured.get("server") instanceof Map<?, ?> server && server.get("command") == null
                && "vllm".equals(server.get("engine"))) {
            Map<Object, Object> withCommand = new LinkedHashMap<>(server);
            withCommand.put("command", List.of("vllm", "serve"));
            measured.put("server", withCommand);
        }
        withoutLaterDefaults(measured, "server", Map.of("engine", "vllm", "urls", List.of(), "balance", "round_robin"));
        withoutLaterDefaults(measured, "server", Collections.singletonMap("max_num_seqs", null));
        if (measured.get("benchmark") instanceof Map<?, ?> benchmark) {
            Map<Object, Object> withoutDataset = new LinkedHashMap<>(benchmark);
            withoutDataset.remove("dataset_path");
            measured.put("benchmark", withoutDataset);
        }
        try {
            byte[] canonical = JSON.writeValueAsString(measured).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)).substring(0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the config", e);
        }
    }
}
