package dev.multilora.adapter;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The adapters a run may use, sorted by name, and those it had to leave out. */
public record AdapterCatalog(List<Adapter> adapters, List<ExcludedAdapter> excluded) {

    public AdapterCatalog {
        adapters = List.copyOf(adapters);
        excluded = List.copyOf(excluded);
    }

    public static AdapterCatalog empty() {
        return new AdapterCatalog(List.of(), List.of());
    }

    /** Matches by name only: a dataset never gets to name a path. */
    public Optional<Adapter> find(String name) {
        return adapters.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public String availableNames() {
        return adapters.isEmpty() ? "none" : adapters.stream().map(Adapter::name).collect(Collectors.joining(", "));
    }
}
