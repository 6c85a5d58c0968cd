package dev.multilora.sim.engine;

import java.util.Collection;
import java.util.TreeSet;

/** Adapters in the running batch and in the waiting queue, comma-joined as vLLM's metric labels. */
public record LoraActivity(String running, String waiting) {

    static LoraActivity of(Collection<String> running, Collection<String> waiting) {
        return new LoraActivity(String.join(",", new TreeSet<>(running)), String.join(",", new TreeSet<>(waiting)));
    }
}
