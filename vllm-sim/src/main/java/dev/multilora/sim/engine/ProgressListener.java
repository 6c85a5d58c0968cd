package dev.multilora.sim.engine;

/** Told on the engine thread after every step that gave the request tokens; must return quickly. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(SimRequest request);
}
