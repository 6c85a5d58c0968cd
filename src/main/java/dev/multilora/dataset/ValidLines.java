package dev.multilora.dataset;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Where each valid line is and what it asks for, in columns of primitives (24 bytes a line) so a
 * million-line dataset costs tens of megabytes, never its prompts.
 */
final class ValidLines {
    private static final int NO_MAX_TOKENS = 0;

    private int size;
    private int[] lineNumbers = new int[1024];
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private int[] adapterIds = new int[1024];
    private int[] maxTokens = new int[1024];
    private final BitSet messages = new BitSet();

    /** @param lineMessages the line holds chat messages rather than a prompt */
    void add(int lineNumber, long offset, int length, int adapterId, Integer lineMaxTokens, boolean lineMessages) {
        if (size == lineNumbers.length) {
            resize(size * 2);
        }
        lineNumbers[size] = lineNumber;
        offsets[size] = offset;
        lengths[size] = length;
        adapterIds[size] = adapterId;
        maxTokens[size] = lineMaxTokens == null ? NO_MAX_TOKENS : lineMaxTokens;
        messages.set(size, lineMessages);
        size++;
    }

    /** Gives back the doubling's spare room once the file is read. */
    void trim() {
        resize(size);
    }

    private void resize(int capacity) {
        lineNumbers = Arrays.copyOf(lineNumbers, capacity);
        offsets = Arrays.copyOf(offsets, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
        adapterIds = Arrays.copyOf(adapterIds, capacity);
        maxTokens = Arrays.copyOf(maxTokens, capacity);
    }

    int size() {
        return size;
    }

    int lineNumber(int i) {
        return lineNumbers[i];
    }

    long offset(int i) {
        return offsets[i];
    }

    int length(int i) {
        return lengths[i];
    }

    int adapterId(int i) {
        return adapterIds[i];
    }

    /** null = generation.max_tokens (a line's own max_tokens is at least 1). */
    Integer maxTokens(int i) {
        return maxTokens[i] == NO_MAX_TOKENS ? null : maxTokens[i];
    }

    boolean messages(int i) {
        return messages.get(i);
    }
}
