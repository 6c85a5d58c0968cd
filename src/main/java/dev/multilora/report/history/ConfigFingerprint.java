package dev.multilora.report.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A short hash of results.json's "config", so two runs can be told to have measured the same thing.
 * Where files live (paths, the dataset's path), how datasets arrive (inbox, api) and how this tool
 * is observed and reports (metrics, notify) do not change what is measured, and are left out; so is
 * generation.endpoint at its default, which every run made before the key existed used.
 */
final class ConfigFingerprint {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ConfigFingerprint() {
    }

    static String of(Map<String, Object> config) {
        Map<String, Object> measured = new LinkedHashMap<>(config);
        measured.remove("paths");
        measured.remove("inbox");
        measured.remove("api");
        measured.remove("metrics");
        measured.remove("notify");
        if (measured.get("generation") instanceof Map<?, ?> generation && "completions".equals(generation.get("endpoint"))) {
            // generation.endpoint came later; every run before it posted to /v1/completions, its default,
            // so the default is left out and those runs keep their hash and their comparisons
            Map<Object, Object> withoutDefaultEndpoint = new LinkedHashMap<>(generation);
            withoutDefaultEndpoint.remove("endpoint");
            measured.put("generation", withoutDefaultEndpoint);
        }
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
