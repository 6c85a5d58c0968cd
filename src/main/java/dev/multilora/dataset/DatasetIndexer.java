package dev.multilora.dataset;

import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.RunAbortedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSONL dataset once, line by line, into a {@link DatasetIndex}. Each line is decoded and
 * parsed on its own, so a bad byte or a bad line becomes one invalid line and never stops the others.
 */
public final class DatasetIndexer {
    /** Far above any prompt a model accepts; a longer line is taken for binary junk, not buffered. */
    static final int MAX_LINE_BYTES = 16 << 20;

    /** Indexes the run's dataset; the run closes it when it ends. */
    public DatasetIndex index(BenchmarkRun run) {
        DatasetIndex index = index(run.dataset(), !run.config().flag(Setting.RANDOM_ADAPTER_ASSIGNMENT), run.chat());
        run.attachDataset(index);
        return index;
    }

    /** For generation.endpoint: completions. @param adapterRequired whether a line without adapter_name is invalid */
    public DatasetIndex index(Path file, boolean adapterRequired) {
        return index(file, adapterRequired, false);
    }

    /**
     * @param adapterRequired whether a line without adapter_name is invalid
     * @param chat            generation.endpoint is chat: lines may hold messages instead of a prompt
     */
    public DatasetIndex index(Path file, boolean adapterRequired, boolean chat) {
        LineParser parser = new LineParser(chat);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            ValidLines valid = new ValidLines();
            AdapterNames adapterNames = new AdapterNames();
            List<InvalidLine> invalid = new ArrayList<>();
            new LineSplitter(MAX_LINE_BYTES).split(channel, (lineNumber, offset, length, bytes) -> {
                if (bytes == null) {
                    invalid.add(new InvalidLine(lineNumber, "longer than " + (MAX_LINE_BYTES >> 20) + " MiB"));
                    return;
                }
                String text;
                try {
                    text = StrictUtf8.decode(bytes, (int) length);
                } catch (StrictUtf8.InvalidUtf8Exception e) {
                    invalid.add(new InvalidLine(lineNumber, e.getMessage()));
                    return;
                }
                if (parser.isBlank(text)) {
                    return;
                }
                DatasetLine line = parser.parse(text, lineNumber, adapterRequired);
                if (line.isValid()) {
                    valid.add(lineNumber, offset, (int) length, adapterNames.idOf(line.adapterName()), line.maxTokens(), line.messages());
                } else {
                    invalid.add(new InvalidLine(lineNumber, line.invalidReason()));
                }
            });
            valid.trim();
            return new DatasetIndex(channel, parser, adapterRequired, valid, adapterNames, invalid);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new RunAbortedException("cannot read the dataset " + file + ": " + e, e);
        }
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
