package dev.multilora.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The adapter names a dataset uses, each stored once: a million lines typically name a handful. */
final class AdapterNames {
    static final int NONE = -1;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** @return the name's id, {@link #NONE} for a line without adapter_name */
    int idOf(String name) {
        if (name == null) {
            return NONE;
        }
        return ids.computeIfAbsent(name, n -> {
            names.add(n);
            return names.size() - 1;
        });
    }

    String name(int id) {
        return id == NONE ? null : names.get(id);
    }
}
