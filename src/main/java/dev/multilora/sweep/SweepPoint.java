package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One combination of swept values.
 *
 * @param number            its place in the sweep file's order (grid first, then points), from 1
 * @param values            the swept keys this point sets, as override text, in key order
 * @param identity          the run's effective values of every swept key, as results.json's `config` writes them:
 *                          how a run folder is recognised as this point's (resume)
 * @param serverCombination which server the point runs on, from 1, in run order: points of one combination share a server
 * @param adapters          how many adapters the server registers (catalog × lora.copies); null in external mode, where
 *                          the server says
 */
public record SweepPoint(int number, Map<String, String> values, JsonNode identity, int serverCombination, Integer adapters) {
    public SweepPoint {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** "lora.copies=4, lora.max_loras=2", or "base" for a point that changes nothing. */
    public String label() {
        return values.isEmpty() ? "base" : String.join(", ", values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
