package dev.multilora.sim.adapter;

/** An adapter directory vLLM would refuse; {@code notFound} separates vLLM's 404 from its 400. */
public final class AdapterLoadException extends Exception {

    private final boolean notFound;

    AdapterLoadException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean isNotFound() {
        return notFound;
    }
}
