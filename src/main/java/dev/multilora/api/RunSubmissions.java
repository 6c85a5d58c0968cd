package dev.multilora.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.multilora.config.ConfigException;
import dev.multilora.inbox.InboxFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * POST /runs: a run asked for over HTTP becomes a dataset dropped into the inbox (NAME.jsonl, and
 * its overrides as the sidecar NAME.config.yaml), so it joins the one queue every run waits in and
 * is kept, filed and recovered like any dropped file. The body is the JSONL dataset itself, or JSON
 * {"dataset_path": ..., "overrides": {...}} or {"lines": [...], "overrides": {...}}; overrides may
 * also come as query parameters (?benchmark.concurrency=64). A sweep file (as application/yaml, or
 * JSON {"sweep": {...}}) becomes ID.sweep.yaml in the inbox, as if dropped there. Everything is
 * checked before it is queued, so a bad key is a 400 now, not an error report later.
 */
public final class RunSubmissions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("dataset_path", "lines", "overrides", "sweep");
    private static final List<String> YAML = List.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NO_DATASET = "no dataset: send JSONL lines, or JSON with dataset_path or lines";

    /** What POST /runs answers: the run's id, that it is queued, and where to follow it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Submission(String id, String status, String statusUrl) {
    }

    private final ApiSettings settings;
    private final InboxFiles inboxFiles;

    public RunSubmissions(ApiSettings settings, InboxFiles inboxFiles) {
        this.settings = settings;
        this.inboxFiles = inboxFiles;
    }

    /**
     * @param contentType the request's Content-Type: application/json for a JSON request, a YAML type
     *                    (application/yaml) for a sweep file, anything else for JSONL
     * @param query       the raw query string, or null
     */
    public Submission submit(InputStream body, String contentType, String query) {
        String type = mediaType(contentType);
        if (body == null) {
            throw new ApiRequestException(400, "body", NO_DATASET);
        }
        RunPlaces places = new RunPlaces(settings.current());
        String id = "api-" + STAMP.format(LocalDateTime.now()) + "-" + HexFormat.of().formatHex(randomBytes());
        Map<String, Object> overrides = queryOverrides(query);
        try {
            Files.createDirectories(places.inbox());
            if (YAML.stream().anyMatch(type::startsWith)) {
                return queueSweep(places, id, body.readAllBytes(), overrides);
            }
            if (type.startsWith("application/json")) {
                JsonNode request = readJsonObject(body);
                if (request.has("sweep")) {
                    return queueSweep(places, id, sweepDocument(request), overrides);
                }
                return queueDataset(places, id, overrides, pending -> overrides.putAll(readJsonRequest(request, pending)));
            }
            return queueDataset(places, id, overrides, pending -> Files.copy(body, pending, StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue run " + id + " in " + places.inbox(), e);
        }
    }

    private interface DatasetWriter {
        void writeTo(Path pending) throws IOException;
    }

    private Submission queueDataset(RunPlaces places, String id, Map<String, Object> overrides, DatasetWriter dataset) throws IOException {
        Path pending = places.inbox().resolve(id + ".jsonl.tmp");
        Path sidecar = InboxFiles.sidecarOf(places.queuedDataset(id));
        boolean queued = false;
        try {
            dataset.writeTo(pending);
            if (Files.size(pending) == 0) {
                throw new ApiRequestException(400, "body", NO_DATASET);
            }
            if (!overrides.isEmpty()) {
                writeSidecar(sidecar, overrides);
            }
            enqueue(pending, places.queuedDataset(id));
            queued = true;
            return new Submission(id, "queued", "/runs/" + id);
        } finally {
            if (!queued) {
                deleteQuietly(pending);
                deleteQuietly(sidecar);
            }
        }
    }

    /**
     * A sweep file, checked as the inbox will read it (its relative paths from the inbox) before it is
     * queued there as ID.sweep.yaml, so a bad key is a 400 now. Its settings are its own: none in the query.
     */
    private Submission queueSweep(RunPlaces places, String id, byte[] document, Map<String, Object> overrides) throws IOException {
        if (!overrides.isEmpty()) {
            throw new ApiRequestException(400, overrides.keySet().iterator().next(),
                    "a sweep's settings go in the sweep file (its overrides, grid or points), not in the query");
        }
        if (document.length == 0) {
            throw new ApiRequestException(400, "body", "no sweep file: send it as application/yaml");
        }
        Path pending = places.inbox().resolve(id + RunPlaces.SWEEP + ".tmp");
        boolean queued = false;
        try {
            Files.write(pending, document);
            try {
                settings.sweep(pending, places.inbox());
            } catch (ConfigException e) {
                throw new ApiRequestException(400, "sweep", e.getMessage().replace("sweep file " + pending.toAbsolutePath().normalize(), "sweep"));
            }
            enqueue(pending, places.queuedSweep(id));
            queued = true;
            return new Submission(id, "queued", "/runs/" + id);
        } finally {
            if (!queued) {
                deleteQuietly(pending);
            }
        }
    }

    /** Moves a complete file into the inbox under its name (with its done file, when inbox.done_file asks for one). */
    private void enqueue(Path pending, Path queued) throws IOException {
        Files.move(pending, queued, StandardCopyOption.ATOMIC_MOVE);
        inboxFiles.doneFileOf(queued).ifPresent(RunSubmissions::touch);
    }

    /** {"sweep": {...}}: the sweep file as JSON, which is YAML as it is. */
    private static byte[] sweepDocument(JsonNode request) throws JsonProcessingException {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!"sweep".equals(name)) {
                throw new ApiRequestException(400, name, "a sweep is sent alone: {\"sweep\": {...}}; put " + name
                        + " into the sweep file (dataset, overrides)");
            }
        }
        if (!request.get("sweep").isObject()) {
            throw new ApiRequestException(400, "sweep", "expected the sweep file as an object: {\"sweep\": {\"grid\": {...}}}");
        }
        return JSON.writeValueAsBytes(request.get("sweep"));
    }

    /** A form (what curl sends unless told otherwise) is decoded by the HTTP server before any of this sees it: refuse it first. */
    public void checkContentType(String contentType) {
        String type = mediaType(contentType);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            throw new ApiRequestException(415, "Content-Type", "a dataset is not a form: send it as application/x-ndjson"
                    + " (curl: -H 'Content-Type: application/x-ndjson' --data-binary @data.jsonl), or JSON as application/json");
        }
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    }

    private static JsonNode readJsonObject(InputStream body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiRequestException(400, "body", "not valid JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new ApiRequestException(400, "body", "expected a JSON object with dataset_path, lines or sweep");
        }
        return request;
    }

    /** Writes a JSON request's dataset to {@code dataset} and answers its overrides. */
    private static Map<String, Object> readJsonRequest(JsonNode request, Path dataset) throws IOException {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ApiRequestException(400, name, "unknown field " + name + "; known fields: " + new TreeSet<>(FIELDS));
            }
        }
        JsonNode path = request.get("dataset_path");
        JsonNode lines = request.get("lines");
        if ((path == null) == (lines == null)) {
            throw new ApiRequestException(400, path == null ? "dataset_path" : "lines", "give exactly one of dataset_path and lines");
        }
        if (path != null) {
            copyDataset(path, dataset);
        } else {
            writeLines(lines, dataset);
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        JsonNode given = request.get("overrides");
        if (given != null) {
            if (!given.isObject()) {
                throw new ApiRequestException(400, "overrides", "expected an object of config keys, e.g. {\"benchmark.concurrency\": 64}");
            }
            given.fields().forEachRemaining(entry -> overrides.put(entry.getKey(), JSON.convertValue(entry.getValue(), Object.class)));
        }
        return overrides;
    }

    private static void copyDataset(JsonNode path, Path dataset) throws IOException {
        if (!path.isTextual() || path.asText().isBlank()) {
            throw new ApiRequestException(400, "dataset_path", "expected the path of a JSONL file this machine can read");
        }
        Path source = Path.of(path.asText()).toAbsolutePath();
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new ApiRequestException(400, "dataset_path", "no readable file at " + source);
        }
        Files.copy(source, dataset, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeLines(JsonNode lines, Path dataset) throws IOException {
        if (!lines.isArray()) {
            throw new ApiRequestException(400, "lines", "expected an array of dataset lines ({\"prompt\": ..., \"adapter_name\": ...})");
        }
        try (Writer out = Files.newBufferedWriter(dataset, StandardCharsets.UTF_8)) {
            for (JsonNode line : lines) {
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
    }

    /** Every query parameter is a config key: ?benchmark.concurrency=64&lora.max_loras=4. */
    private static Map<String, Object> queryOverrides(String query) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (query == null || query.isBlank()) {
            return overrides;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            overrides.put(key, value);
        }
        return overrides;
    }

    /** The overrides as the dataset's sidecar, checked as the run will read it; a bad key is a 400 naming it. */
    private void writeSidecar(Path sidecar, Map<String, Object> overrides) throws IOException {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        overrides.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new ApiRequestException(400, key, "not a config key: " + key + " (section.key, e.g. benchmark.concurrency)");
            }
            sections.computeIfAbsent(key.substring(0, dot), section -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
        });
        // JSON is YAML: the sidecar reader takes it as written.
        JSON.writerWithDefaultPrettyPrinter().writeValue(sidecar.toFile(), sections);
        try {
            settings.with(sidecar);
        } catch (ConfigException e) {
            throw new ApiRequestException(400, "overrides", e.getMessage().replace("sidecar " + sidecar.toAbsolutePath().normalize(), "overrides"));
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the done file " + file, e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the original failure is the one worth reporting
        }
    }
}
