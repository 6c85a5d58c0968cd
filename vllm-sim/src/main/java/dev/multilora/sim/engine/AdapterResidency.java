package dev.multilora.sim.engine;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which adapters sit in the GPU slots (--max-loras) and in the CPU cache (--max-cpu-loras), both
 * least-recently-used first. Owned by the engine thread.
 */
final class AdapterResidency {

    private final int gpuSlots;
    private final int cpuSlots;
    private final LinkedHashSet<String> gpu = new LinkedHashSet<>();
    private final LinkedHashSet<String> cpu = new LinkedHashSet<>();

    AdapterResidency(int gpuSlots, int cpuSlots) {
        this.gpuSlots = gpuSlots;
        this.cpuSlots = cpuSlots;
    }

    /** Loads an adapter into the CPU cache only, as vLLM does for --lora-modules and load_lora_adapter. */
    void addToCpuCache(String adapter) {
        use(cpu, adapter);
        evictBeyond(cpu, cpuSlots, Set.of(adapter));
    }

    /**
     * Makes the adapter active on the GPU. {@code inUse} are the adapters of the running batch; they
     * are never evicted, and there are fewer of them than GPU slots whenever the scheduler admits a
     * new adapter.
     */
    LoraSource activate(String adapter, Set<String> inUse) {
        if (gpu.contains(adapter)) {
            touch(adapter);
            return LoraSource.RESIDENT;
        }
        LoraSource source = cpu.contains(adapter) ? LoraSource.CPU : LoraSource.DISK;
        use(cpu, adapter);
        evictBeyond(cpu, cpuSlots, Set.of(adapter));
        use(gpu, adapter);
        evictBeyond(gpu, gpuSlots, inUse);
        return source;
    }

    /**
     * Takes a GPU slot for something that is never read from disk or the CPU cache (SGLang's base
     * model, whose slot holds no weights): no load, and the CPU cache is left alone.
     */
    void occupyGpuSlot(String key, Set<String> inUse) {
        use(gpu, key);
        evictBeyond(gpu, gpuSlots, inUse);
    }

    void touchGpuSlot(String key) {
        if (gpu.contains(key)) {
            use(gpu, key);
        }
    }

    /** Adapters of the running batch count as used at every step, so LRU never picks them. */
    void touch(String adapter) {
        use(gpu, adapter);
        use(cpu, adapter);
    }

    int gpuSlotsUsed() {
        return gpu.size();
    }

    void forget(String adapter, Set<String> inUse) {
        cpu.remove(adapter);
        if (!inUse.contains(adapter)) {
            gpu.remove(adapter);
        }
    }

    private static void use(LinkedHashSet<String> cache, String adapter) {
        cache.remove(adapter);
        cache.add(adapter);
    }

    private static void evictBeyond(LinkedHashSet<String> cache, int capacity, Set<String> keep) {
        Iterator<String> oldestFirst = cache.iterator();
        while (cache.size() > capacity && oldestFirst.hasNext()) {
            if (!keep.contains(oldestFirst.next())) {
                oldestFirst.remove();
            }
        }
    }
}
