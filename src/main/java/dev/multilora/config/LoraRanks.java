package dev.multilora.config;

import java.util.List;

/** The LoRA ranks vLLM accepts for --max-lora-rank (vllm/config/lora.py, MaxLoRARanks). */
public final class LoraRanks {
    public static final List<Integer> ALLOWED = List.of(1, 8, 16, 32, 64, 128, 256, 320, 512);

    private LoraRanks() {
    }
}
