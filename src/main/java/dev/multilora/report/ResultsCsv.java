package dev.multilora.report;

import dev.multilora.metrics.ColdStarts;
import dev.multilora.metrics.RequestRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * results.csv, written while the run goes: each request's row as soon as every lower request id
 * has finished too, so the file is in request-id order while only the few requests that finished
 * early wait in memory; invalid lines follow, by line. RFC 4180 (commons-csv's default format:
 * quoting as needed, CRLF line ends).
 */
public final class ResultsCsv implements AutoCloseable {
    private final CSVPrinter printer;
    private final ColdStarts coldStarts;
    private final Map<Integer, RequestRecord> waiting = new HashMap<>();
    private final List<RequestRecord> invalidLines = new ArrayList<>();
    private int nextRequestId = 1;

    public ResultsCsv(Path file, ColdStarts coldStarts) {
        this(open(file), coldStarts);
    }

    /** Rows written to {@code out}, which this closes. */
    public ResultsCsv(Writer out, ColdStarts coldStarts) {
        try {
            this.printer = new CSVPrinter(out, CSVFormat.DEFAULT);
            printer.printRecord(CsvRows.header());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results.csv", e);
        }
        this.coldStarts = coldStarts;
    }

    private static Writer open(Path file) {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public synchronized void add(RequestRecord record) {
        if (!record.isMeasured()) {
            invalidLines.add(record.withoutTexts());
            return;
        }
        waiting.put(record.requestId(), record);
        int written = nextRequestId;
        for (RequestRecord next = waiting.remove(nextRequestId); next != null; next = waiting.remove(nextRequestId)) {
            print(next);
            nextRequestId++;
        }
        if (nextRequestId > written) {
            flush();
        }
    }

    /** Rows reach the file as they are written, so a run killed mid-way (kill -9, a crash) keeps every row before it. */
    private void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results.csv", e);
        }
    }

    /** Writes what is left (rows after a gap in the ids, should a request never finish) and the invalid lines. */
    @Override
    public synchronized void close() {
        waiting.values().stream().sorted(Comparator.comparing(RequestRecord::requestId)).forEach(this::print);
        waiting.clear();
        invalidLines.stream().sorted(Comparator.comparingInt(RequestRecord::lineNumber)).forEach(this::print);
        try {
            printer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish results.csv", e);
        }
    }

    private void print(RequestRecord record) {
        try {
            printer.printRecord(CsvRows.row(record, coldStarts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results.csv", e);
        }
    }
}
