package dev.multilora.report.plots;

/**
 * An in-flight step function summarised over equal intervals from time zero: the most requests in
 * flight at any moment of each interval and the time-weighted mean over it. A chart cannot show
 * more steps than it has pixels; these two keep both the peaks and the typical level of a long,
 * busy run.
 *
 * @param width seconds per interval
 */
record InFlightIntervals(double width, int[] most, double[] mean) {

    static InFlightIntervals of(RunTimeline.Steps steps, double width) {
        double[] times = steps.times();
        int[] counts = steps.counts();
        int intervals = (int) Math.floor(times[times.length - 1] / width) + 1;
        int[] most = new int[intervals];
        double[] area = new double[intervals];
        // Step i holds counts[i] from times[i] to times[i + 1]: spread it over the intervals it overlaps.
        for (int i = 0; i + 1 < times.length; i++) {
            int last = Math.min(intervals - 1, (int) (times[i + 1] / width));
            for (int interval = (int) (times[i] / width); interval <= last; interval++) {
                double overlap = Math.min(times[i + 1], (interval + 1) * width) - Math.max(times[i], interval * width);
                if (overlap > 0) {
                    most[interval] = Math.max(most[interval], counts[i]);
                    area[interval] += overlap * counts[i];
                }
            }
        }
        double[] mean = new double[intervals];
        for (int interval = 0; interval < intervals; interval++) {
            mean[interval] = area[interval] / width;
        }
        return new InFlightIntervals(width, most, mean);
    }

    /** Interval starts and the end of the last, so a step chart draws the last interval to its end. */
    double[] edges() {
        double[] edges = new double[most.length + 1];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = i * width;
        }
        return edges;
    }
}
