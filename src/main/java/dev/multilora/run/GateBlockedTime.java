package dev.multilora.run;

import java.util.Arrays;

/**
 * When the dispatcher was blocked because every in-flight slot was busy, as a step function of the
 * monotonic clock: {@link #until(long)} is the total blocked time up to an instant. A request's slot
 * wait is the blocked time between its due time and its slot, which also covers waiting behind an
 * earlier request that was itself blocked. Used by the dispatcher thread only. Due times never
 * decrease along a plan, so intervals ending before the latest due time asked about are dropped.
 */
final class GateBlockedTime {
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private long[] blockedBefore = new long[64];
    private int head;
    private int tail;
    private long total;

    void blocked(long from, long until) {
        if (until <= from) {
            return;
        }
        if (tail == starts.length) {
            compactOrGrow();
        }
        starts[tail] = from;
        ends[tail] = until;
        blockedBefore[tail] = total;
        tail++;
        total += until - from;
    }

    /** Blocked nanoseconds so far. */
    long total() {
        return total;
    }

    /** Blocked nanoseconds up to {@code instant}; forgets what no later (larger) instant can need. */
    long until(long instant) {
        int first = firstEndingAfter(instant);
        head = first;
        if (first == tail) {
            return total;
        }
        return blockedBefore[first] + Math.max(0, instant - starts[first]);
    }

    private int firstEndingAfter(long instant) {
        int low = head;
        int high = tail;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ends[mid] <= instant) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private void compactOrGrow() {
        int live = tail - head;
        int capacity = live * 2 < starts.length ? starts.length : starts.length * 2;
        starts = Arrays.copyOfRange(starts, head, head + capacity);
        ends = Arrays.copyOfRange(ends, head, head + capacity);
        blockedBefore = Arrays.copyOfRange(blockedBefore, head, head + capacity);
        tail = live;
        head = 0;
    }
}
