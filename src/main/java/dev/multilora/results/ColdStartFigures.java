package dev.multilora.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adapter cold starts and what they were judged from.
 *
 * @param basis      how cold requests were recognised, in words
 * @param perAdapter by adapter name; null when nothing tells which requests were cold
 */
public record ColdStartFigures(String basis, Map<String, AdapterColdStart> perAdapter) {
    public ColdStartFigures {
        perAdapter = perAdapter == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(perAdapter));
    }

    public boolean known() {
        return perAdapter != null;
    }
}
