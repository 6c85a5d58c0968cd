package dev.multilora.sim.http;

/**
 * Whether start-up is over. llama-server and SGLang listen while the model loads (llama-server
 * answers 503 "Loading model", SGLang's /health 503); vLLM opens its port only when ready.
 */
public final class Readiness {

    private volatile boolean ready;

    public void ready() {
        ready = true;
    }

    public boolean isReady() {
        return ready;
    }
}
