package dev.multilora.run;

import dev.multilora.metrics.ColdStarts;
import dev.multilora.metrics.RecordColumns;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.report.ResultsCsv;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * Where the client's rehearsal puts its records: the way a measured record goes (its results.csv
 * row formatted and written, its figures added to the compact columns), into copies nobody reads,
 * so that code is compiled before the clock starts too, not while the first measured requests
 * finish. The rows go to a writer that keeps nothing, so there is nothing to close.
 */
final class RehearsalRecords implements Consumer<RequestRecord> {
    private final ResultsCsv rows;
    private final RecordColumns columns;

    RehearsalRecords(int expected, String baseModel) {
        rows = new ResultsCsv(Writer.nullWriter(), new ColdStarts(false, baseModel));
        columns = new RecordColumns(expected);
    }

    @Override
    public synchronized void accept(RequestRecord record) {
        rows.add(record);
        columns.add(record);
    }
}
