package dev.multilora.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** status.json: how a run that holds no results ended, for programs such as the run API. */
final class StatusFile {
    static final String NAME = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusFile() {
    }

    /** @param dataset where the dataset was; null when not known */
    static void write(Path folder, String status, String message, String dataset, LocalDateTime time) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("status", status);
        document.put("message", message);
        document.put("dataset", dataset);
        document.put("time", time.toString());
        JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(NAME).toFile(), document);
    }
}
