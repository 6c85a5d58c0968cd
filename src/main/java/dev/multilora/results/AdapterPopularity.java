package dev.multilora.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured adapter popularity and how many measured requests each catalog adapter got.
 *
 * @param type     the distribution's name in the config
 * @param alpha    its shape parameter; null for kinds that have none
 * @param realized measured requests per catalog adapter, in catalog order
 */
public record AdapterPopularity(String type, Double alpha, Map<String, Long> realized) {
    public AdapterPopularity {
        realized = Collections.unmodifiableMap(new LinkedHashMap<>(realized));
    }
}
