package dev.multilora.report.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.metrics.Percentiles;
import dev.multilora.metrics.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LatencyCdfTest {

    private static List<RequestRecord> successes(int count) {
        Random random = new Random(7);
        List<RequestRecord> records = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            records.add(RunPlotsTest.success(id, "a", id * 0.01, 0.05 + random.nextExponential() * 0.2));
        }
        return records;
    }

    private static XYChart draw(List<RequestRecord> records) {
        return (XYChart) new LatencyCdf().draw(PlotInputs.of(records), new ChartCanvas(800, 500)).orElseThrow();
    }

    @Test
    void aLargeRunIsDrawnThroughItsQuantilesAndStillMarksTheExactPercentiles() {
        List<RequestRecord> records = successes(LatencyCdf.MAX_STEPS * 5);
        Percentiles exact = new Percentiles(records.stream().map(RequestRecord::latencySeconds).toList());

        XYChart chart = draw(records);

        XYSeries curve = chart.getSeriesMap().values().iterator().next();
        assertEquals(991 + 100, curve.getXData().length, "every 0.1 percentile to p99, every 0.01 above");
        XYSeries markers = chart.getSeriesMap().get("p50, p95, p99 (as in results.json)");
        assertArrayEquals(new double[] {exact.percentile(50), exact.percentile(95), exact.percentile(99)}, markers.getXData());
        for (double p : new double[] {50, 95, 99}) {
            int point = (int) p * 10;
            assertEquals(p, curve.getYData()[point], 1e-9, "the curve passes through p" + p);
            assertEquals(exact.percentile(p), curve.getXData()[point], 0.0);
        }
        assertEquals(exact.percentile(0), curve.getXData()[0], 0.0);
        assertEquals(exact.percentile(99.5), curve.getXData()[990 + 50], 0.0);
        assertEquals(exact.percentile(100), curve.getXData()[990 + 100], 0.0);
        assertTrue(curve.getName().contains("quantiles"), curve.getName());
    }

    @Test
    void aSmallRunKeepsOneStepPerRequest() {
        XYChart chart = draw(successes(LatencyCdf.MAX_STEPS));

        XYSeries curve = chart.getSeriesMap().values().iterator().next();
        assertEquals(2 * LatencyCdf.MAX_STEPS, curve.getXData().length);
        assertEquals("successful requests (" + LatencyCdf.MAX_STEPS + ")", curve.getName());
    }
}
