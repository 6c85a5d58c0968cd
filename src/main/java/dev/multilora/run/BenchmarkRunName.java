package dev.multilora.run;

import java.nio.file.Path;

/**
 * A dataset's name as used for run folders: the file name without .jsonl (a sweep file's without
 * .sweep.yaml, for its error report), made safe for a folder name.
 */
public record BenchmarkRunName(String value) {

    public BenchmarkRunName(Path dataset) {
        this(safe(dataset.getFileName().toString()));
    }

    private static String safe(String fileName) {
        String stem = fileName.replaceFirst("(\\.jsonl|\\.sweep\\.yaml)$", "");
        String cleaned = stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        return cleaned.isEmpty() ? "dataset" : cleaned;
    }
}
