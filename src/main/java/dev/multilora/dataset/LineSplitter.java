package dev.multilora.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Splits a file's bytes at '\n' in one pass with a fixed read buffer, so the file is never held
 * whole; only the current line is, up to a limit, so a huge binary blob cannot exhaust the heap.
 */
final class LineSplitter {
    private static final int READ_BUFFER_BYTES = 1 << 16;

    /** Receives each line, without its '\n'; a trailing '\r' and a leading BOM are left as they are. */
    interface LineSink {
        /**
         * @param lineNumber 1-based, blank lines counted
         * @param offset     the line's first byte in the file
         * @param bytes      the line in {@code bytes[0..length)}, reused for the next line; null when
         *                   the line is longer than the limit
         */
        void line(int lineNumber, long offset, long length, byte[] bytes) throws IOException;
    }

    private final int maxLineBytes;

    LineSplitter(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    void split(ReadableByteChannel channel, LineSink sink) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(READ_BUFFER_BYTES);
        byte[] line = new byte[8192];
        long lineOffset = 0;
        long lineLength = 0;
        int lineNumber = 1;
        long position = 0;
        while (channel.read(chunk) >= 0) {
            byte[] bytes = chunk.array();
            int end = chunk.position();
            int start = 0;
            for (int i = 0; i < end; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                line = append(line, lineLength, bytes, start, i - start);
                lineLength += i - start;
                sink.line(lineNumber++, lineOffset, lineLength, lineLength > maxLineBytes ? null : line);
                lineOffset = position + i + 1;
                lineLength = 0;
                start = i + 1;
            }
            line = append(line, lineLength, bytes, start, end - start);
            lineLength += end - start;
            position += end;
            chunk.clear();
        }
        if (lineLength > 0) {
            sink.line(lineNumber, lineOffset, lineLength, lineLength > maxLineBytes ? null : line);
        }
    }

    /** Adds a piece of the current line, or only counts it once the line is past the limit. */
    private byte[] append(byte[] line, long lineLength, byte[] piece, int from, int count) {
        long needed = lineLength + count;
        if (needed > maxLineBytes) {
            return line;
        }
        byte[] target = line;
        if (needed > target.length) {
            target = Arrays.copyOf(line, (int) Math.min(Math.max(needed, 2L * line.length), maxLineBytes));
        }
        System.arraycopy(piece, from, target, (int) lineLength, count);
        return target;
    }
}
