package dev.multilora.adapter;

import java.nio.file.Path;

/** A LoRA adapter a server can load: its name (the folder's), absolute folder and rank. */
public record Adapter(String name, Path path, int rank) {
}
