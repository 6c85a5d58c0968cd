package dev.multilora.metrics;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Records picked out of a run without copying them: a list of the matching positions (4 bytes a
 * record) over the run's records, which are built one at a time when read. A million-request run's
 * figures are computed this way in a small heap, where a list of materialized records would not fit.
 */
public final class RecordSelection {
    private RecordSelection() {
    }

    /** The records that pass {@code test}, in their order. */
    public static List<RequestRecord> where(List<RequestRecord> records, Predicate<RequestRecord> test) {
        Positions positions = new Positions();
        for (int i = 0; i < records.size(); i++) {
            if (test.test(records.get(i))) {
                positions.add(i);
            }
        }
        return positions.over(records);
    }

    /** The records of each adapter, sorted by adapter name. */
    public static SortedMap<String, List<RequestRecord>> byAdapter(List<RequestRecord> records) {
        return new TreeMap<>(groupedBy(records, RequestRecord::adapterName));
    }

    /** The records grouped by {@code key}, groups in the order of their first record; a record whose key is null is in none. */
    public static Map<String, List<RequestRecord>> groupedBy(List<RequestRecord> records, Function<RequestRecord, String> key) {
        Map<String, Positions> positions = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String group = key.apply(records.get(i));
            if (group != null) {
                positions.computeIfAbsent(group, g -> new Positions()).add(i);
            }
        }
        Map<String, List<RequestRecord>> grouped = new LinkedHashMap<>();
        positions.forEach((group, members) -> grouped.put(group, members.over(records)));
        return grouped;
    }

    /** A figure of each record that has it, unboxed. */
    public static double[] values(List<RequestRecord> records, Function<RequestRecord, Double> figure) {
        double[] values = new double[records.size()];
        int count = 0;
        for (RequestRecord record : records) {
            Double value = figure.apply(record);
            if (value != null) {
                values[count++] = value;
            }
        }
        return Arrays.copyOf(values, count);
    }

    private static final class Positions {
        private int[] positions = new int[16];
        private int size;

        void add(int position) {
            if (size == positions.length) {
                positions = Arrays.copyOf(positions, size * 2);
            }
            positions[size++] = position;
        }

        List<RequestRecord> over(List<RequestRecord> records) {
            int[] picked = Arrays.copyOf(positions, size);
            return new View(records, picked);
        }
    }

    private static final class View extends AbstractList<RequestRecord> implements RandomAccess {
        private final List<RequestRecord> records;
        private final int[] positions;

        View(List<RequestRecord> records, int[] positions) {
            this.records = records;
            this.positions = positions;
        }

        @Override
        public RequestRecord get(int index) {
            return records.get(positions[index]);
        }

        @Override
        public int size() {
            return positions.length;
        }
    }
}
