package dev.multilora.testing;

import dev.multilora.dataset.DatasetIndex;
import dev.multilora.dataset.DatasetIndexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Datasets written to a folder and indexed, closed together when the test is done. */
public final class JsonlFiles implements AutoCloseable {
    private final Path folder;
    private final List<DatasetIndex> opened = new ArrayList<>();
    private int written;

    public JsonlFiles(Path folder) {
        this.folder = folder;
    }

    /** Lines joined with '\n', with a final newline. */
    public DatasetIndex index(List<String> lines, boolean adapterRequired) {
        return index((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), adapterRequired);
    }

    public DatasetIndex index(byte[] content, boolean adapterRequired) {
        return index(write(content), adapterRequired);
    }

    public DatasetIndex index(Path file, boolean adapterRequired) {
        return index(file, adapterRequired, false);
    }

    /** @param chat generation.endpoint is chat: lines may hold messages */
    public DatasetIndex index(Path file, boolean adapterRequired, boolean chat) {
        DatasetIndex index = new DatasetIndexer().index(file, adapterRequired, chat);
        opened.add(index);
        return index;
    }

    public Path write(byte[] content) {
        Path file = folder.resolve("dataset-" + ++written + ".jsonl");
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (DatasetIndex index : opened) {
            index.close();
        }
    }
}
