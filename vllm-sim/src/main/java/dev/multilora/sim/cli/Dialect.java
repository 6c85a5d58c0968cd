package dev.multilora.sim.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which engine the stand-in answers as: its command line and HTTP surface (--sim-dialect). */
public enum Dialect {
    /** {@code vllm serve MODEL ...}, the default. */
    VLLM,
    /** llama.cpp's {@code llama-server ...}. */
    LLAMACPP,
    /** {@code python -m sglang.launch_server ...}. */
    SGLANG,
    /** Hugging Face TGI's {@code text-generation-launcher ...}. */
    TGI;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Dialect of(String label) throws StartupFailure {
        for (Dialect dialect : values()) {
            if (dialect.label().equals(label)) {
                return dialect;
            }
        }
        throw StartupFailure.of("vllm-sim: error: argument --sim-dialect: invalid choice: '" + label
                + "' (choose from " + Arrays.stream(values()).map(Dialect::label).collect(Collectors.joining(", "))
                + ")", 2);
    }
}
