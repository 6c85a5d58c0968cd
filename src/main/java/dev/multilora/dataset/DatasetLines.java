package dev.multilora.dataset;

import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import java.util.List;

/** The benchmark route's view of a dataset: one split line at a time, then the collected lines. */
public final class DatasetLines {
    private final LineParser parser = new LineParser();

    /** Parses one line; blank lines give null, which the split's aggregation leaves out. */
    public DatasetLine parse(String raw, int splitIndex, BenchmarkRun run) {
        if (parser.isBlank(raw)) {
            return null;
        }
        boolean adapterRequired = !run.config().flag(Setting.RANDOM_ADAPTER_ASSIGNMENT);
        return parser.parse(raw, splitIndex + 1, adapterRequired);
    }

    /**
     * The split's aggregate. A file with no line at all splits into nothing and leaves the file
     * itself as the body: that is an empty dataset.
     */
    public List<DatasetLine> collected(Object splitResult) {
        if (!(splitResult instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(DatasetLine.class::cast).toList();
    }
}
