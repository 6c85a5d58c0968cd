package dev.multilora.sim.http;

import java.util.List;

/**
 * The base model as clients see it.
 *
 * @param root  the MODEL argument, reported as the base card's root
 * @param names the served names; the first is used in responses
 */
public record ServedModel(String root, List<String> names, int maxModelLen) {

    public String primaryName() {
        return names.get(0);
    }

    /** An omitted or empty model, like a served name, means no adapter. */
    public boolean isBase(String requested) {
        return requested == null || requested.isEmpty() || names.contains(requested);
    }
}
