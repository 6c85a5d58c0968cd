package dev.multilora.server;

/** One entry of GET /v1/models: a base model (parent null) or a LoRA adapter (root = its path). */
public record ModelCard(String id, String root, String parent) {

    public boolean isAdapter() {
        return parent != null;
    }
}
