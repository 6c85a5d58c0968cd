package dev.multilora.report.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.DoubleStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * One run folder as a comparison reads it: its results.json, and from results.csv the TTFT and
 * E2EL of its successful requests (seconds), for the overlaid distributions.
 *
 * @param name the folder's name
 */
public record ComparedRun(String name, Path folder, JsonNode results, double[] ttft, double[] e2el) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException naming the folder and what it lacks */
    public static ComparedRun load(Path folder) {
        return load(folder, folder.getFileName().toString());
    }

    /**
     * @param name what the run is called in the comparison: a run still being written is in a
     *             folder under a temporary name
     * @throws IllegalArgumentException naming the folder and what it lacks
     */
    public static ComparedRun load(Path folder, String name) {
        Path results = folder.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            throw new IllegalArgumentException(folder + " is not a run folder with results: it has no results.json"
                    + (Files.isRegularFile(folder.resolve("error.txt")) ? " (the run measured nothing; see its error.txt)" : ""));
        }
        try {
            JsonNode document = JSON.readTree(results.toFile());
            DoubleStream.Builder ttft = DoubleStream.builder();
            DoubleStream.Builder e2el = DoubleStream.builder();
            Path csv = folder.resolve("results.csv");
            if (Files.isRegularFile(csv)) {
                try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                        if (row.isMapped("error") && row.get("error").isEmpty() && !row.get("latency").isEmpty()) {
                            e2el.add(Double.parseDouble(row.get("latency")));
                            if (row.isMapped("ttft") && !row.get("ttft").isEmpty()) {
                                ttft.add(Double.parseDouble(row.get("ttft")));
                            }
                        }
                    }
                }
            }
            return new ComparedRun(name, folder, document, ttft.build().toArray(), e2el.build().toArray());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the run in " + folder + ": " + e.getMessage(), e);
        }
    }
}
