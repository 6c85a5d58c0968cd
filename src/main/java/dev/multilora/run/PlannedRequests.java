package dev.multilora.run;

import dev.multilora.dataset.DatasetIndex;
import dev.multilora.dataset.InvalidLine;
import dev.multilora.dataset.UnreadableLineException;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A run's plan, held as a few primitive columns and shown as the list of its requests: the measured
 * requests in plan order, then one entry per invalid line. {@link #get} makes one request at a time,
 * reading its prompt from the dataset then, so the plan never holds the prompts. Immutable; any
 * thread may read it.
 */
final class PlannedRequests extends AbstractList<PlannedRequest> implements RandomAccess {
    private final DatasetIndex dataset;
    private final int[] lineOrder;
    private final int measured;
    private final int[] drawnAdapters;
    private final List<String> catalogNames;
    private final double[] offsets;

    /**
     * @param lineOrder     valid-line indexes in the order requests replay them, cycled to {@code measured}
     * @param drawnAdapters each request's catalog index, or null when requests use the dataset's names
     * @param offsets       each request's due time, in seconds from the start of the request phase
     */
    PlannedRequests(DatasetIndex dataset, int[] lineOrder, int measured, int[] drawnAdapters, List<String> catalogNames,
                    double[] offsets) {
        this.dataset = dataset;
        this.lineOrder = lineOrder;
        this.measured = measured;
        this.drawnAdapters = drawnAdapters;
        this.catalogNames = List.copyOf(catalogNames);
        this.offsets = offsets;
    }

    @Override
    public int size() {
        return measured + dataset.invalidLines().size();
    }

    @Override
    public PlannedRequest get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("request " + index + " of " + size());
        }
        if (index >= measured) {
            InvalidLine line = dataset.invalidLines().get(index - measured);
            return new PlannedRequest(null, line.lineNumber(), null, null, line.reason(), null, null);
        }
        int validLine = lineOrder[index % lineOrder.length];
        String adapter = drawnAdapters != null ? catalogNames.get(drawnAdapters[index]) : dataset.adapterName(validLine);
        int lineNumber = dataset.lineNumber(validLine);
        Integer maxTokens = dataset.maxTokens(validLine);
        try {
            return new PlannedRequest(index + 1, lineNumber, dataset.prompt(validLine), adapter, null, maxTokens, offsets[index],
                    dataset.messages(validLine));
        } catch (UnreadableLineException e) {
            return new PlannedRequest(index + 1, lineNumber, null, adapter, e.getMessage(), maxTokens, offsets[index]);
        }
    }
}
