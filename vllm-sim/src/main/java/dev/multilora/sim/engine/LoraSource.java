package dev.multilora.sim.engine;

import java.util.Locale;

/** Where a request's adapter came from when the request entered the running batch. */
public enum LoraSource {
    /** Base-model request: no adapter involved. */
    NONE,
    /** Already active in a GPU slot: no load cost. */
    RESIDENT,
    /** Copied from the CPU cache into a GPU slot. */
    CPU,
    /** Read from the adapter directory, then placed in the CPU cache and a GPU slot. */
    DISK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
