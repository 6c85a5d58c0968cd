package dev.multilora.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Where a dataset's valid lines are, what adapter and max_tokens each asks for, and its invalid
 * lines with their reasons; prompts are read back from the file one at a time, when a request is
 * made of them. The file stays open from indexing to the end of the run, so a dataset renamed or
 * replaced meanwhile is still read as it was indexed. Reads are positional, so any thread may read.
 */
public final class DatasetIndex implements Closeable {
    private final FileChannel channel;
    private final LineParser parser;
    private final boolean adapterRequired;
    private final ValidLines valid;
    private final AdapterNames adapterNames;
    private final List<InvalidLine> invalid;

    DatasetIndex(FileChannel channel, LineParser parser, boolean adapterRequired, ValidLines valid,
                 AdapterNames adapterNames, List<InvalidLine> invalid) {
        this.channel = channel;
        this.parser = parser;
        this.adapterRequired = adapterRequired;
        this.valid = valid;
        this.adapterNames = adapterNames;
        this.invalid = List.copyOf(invalid);
    }

    /** Valid lines are numbered 0..validLines()-1 in file order. */
    public int validLines() {
        return valid.size();
    }

    public int nonBlankLines() {
        return valid.size() + invalid.size();
    }

    /** In file order. */
    public List<InvalidLine> invalidLines() {
        return invalid;
    }

    public int lineNumber(int validLine) {
        return valid.lineNumber(validLine);
    }

    /** null when the line has no adapter_name. */
    public String adapterName(int validLine) {
        return adapterNames.name(valid.adapterId(validLine));
    }

    /** null = generation.max_tokens. */
    public Integer maxTokens(int validLine) {
        return valid.maxTokens(validLine);
    }

    /** The line holds chat messages: its {@link #prompt} is their JSON array. */
    public boolean messages(int validLine) {
        return valid.messages(validLine);
    }

    /**
     * Reads the line again and parses it as it was parsed when indexed: the prompt, or for a
     * messages line its messages as compact JSON.
     *
     * @throws UnreadableLineException when the file no longer holds that line as it was
     */
    public String prompt(int validLine) {
        int lineNumber = valid.lineNumber(validLine);
        int length = valid.length(validLine);
        byte[] bytes = new byte[length];
        try {
            readFully(ByteBuffer.wrap(bytes), valid.offset(validLine));
            DatasetLine line = parser.parse(StrictUtf8.decode(bytes, length), lineNumber, adapterRequired);
            if (!line.isValid()) {
                throw new UnreadableLineException(lineNumber, line.invalidReason());
            }
            if (line.messages() != valid.messages(validLine)) {
                throw new UnreadableLineException(lineNumber, line.messages() ? "it now holds \"messages\", not a \"prompt\""
                        : "it now holds a \"prompt\", not \"messages\"");
            }
            return line.prompt();
        } catch (StrictUtf8.InvalidUtf8Exception e) {
            throw new UnreadableLineException(lineNumber, e.getMessage());
        } catch (IOException e) {
            throw new UnreadableLineException(lineNumber, e.toString());
        }
    }

    private void readFully(ByteBuffer target, long position) throws IOException {
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                throw new IOException("the file is shorter than when it was read");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
