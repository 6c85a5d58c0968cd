package dev.multilora.sim.adapter;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The adapters requests may name: static ones from --lora-modules plus those loaded at run time. */
public final class AdapterRegistry {

    /** An adapter with the order and Unix time (seconds) of its registration, for /v1/models. */
    public record Registered(Adapter adapter, long order, long createdSeconds) {
    }

    private final Map<String, Registered> byName = new ConcurrentHashMap<>();
    private final AtomicLong registrations = new AtomicLong();

    public Adapter find(String name) {
        Registered registered = byName.get(name);
        return registered == null ? null : registered.adapter();
    }

    /** Returns false when the name is taken. */
    public boolean add(Adapter adapter) {
        Registered registered = new Registered(
                adapter, registrations.incrementAndGet(), System.currentTimeMillis() / 1000);
        return byName.putIfAbsent(adapter.name(), registered) == null;
    }

    public boolean remove(String name) {
        return byName.remove(name) != null;
    }

    /** In registration order, as vLLM lists them. */
    public List<Registered> all() {
        return byName.values().stream().sorted(Comparator.comparingLong(Registered::order)).toList();
    }
}
