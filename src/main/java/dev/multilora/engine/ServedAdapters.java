package dev.multilora.engine;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The adapters a server serves, as a request must name them: the base model's name, each adapter's
 * path (LoRAX names adapters by path) and, for an engine that selects adapters by number
 * (llama.cpp), each adapter's id on that server.
 *
 * @param ids adapter name to the server's id, in id order; empty for engines that select by name
 */
public record ServedAdapters(String baseModel, Map<String, String> paths, Map<String, Integer> ids) {

    public ServedAdapters {
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
    }

    /** The catalog's adapters, selected by name. */
    public static ServedAdapters of(String baseModel, AdapterCatalog catalog) {
        return withIds(baseModel, catalog, Map.of());
    }

    public static ServedAdapters withIds(String baseModel, AdapterCatalog catalog, Map<String, Integer> ids) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (Adapter adapter : catalog.adapters()) {
            paths.put(adapter.name(), adapter.path().toString());
        }
        return new ServedAdapters(baseModel, paths, ids);
    }

    public boolean isBase(String adapter) {
        return adapter.equals(baseModel);
    }
}
