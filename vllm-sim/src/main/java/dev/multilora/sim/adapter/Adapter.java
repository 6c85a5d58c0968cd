package dev.multilora.sim.adapter;

/**
 * A LoRA adapter the server knows by name.
 *
 * @param path   the path as given, which /v1/models reports as the card's root
 * @param parent the served base model name the adapter belongs to
 */
public record Adapter(String name, String path, int rank, String parent) {
}
