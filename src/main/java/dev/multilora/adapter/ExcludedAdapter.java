package dev.multilora.adapter;

/** A folder in the adapters directory that cannot be served, and why. Reported in every run's results. */
public record ExcludedAdapter(String name, String reason) {
}
