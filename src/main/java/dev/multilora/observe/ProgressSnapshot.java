package dev.multilora.observe;

import java.util.Locale;

/** A run's progress at one moment, and how it reads to a person watching. */
/** @param notSent requests settled without sending (a stop condition, an interruption); not failures */
public record ProgressSnapshot(int done, int total, int failed, int notSent, double elapsedSeconds) {

    public double fraction() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    /** Requests answered per second so far, failures included: the pace the rest will go at. */
    public double requestsPerSecond() {
        return elapsedSeconds > 0 ? done / elapsedSeconds : 0.0;
    }

    /** "12/60 (20%), 1 failed, 8.3 req/s, ETA 6s"; the ETA is unknown until a request has finished. */
    public String describe() {
        String eta = done == 0 || requestsPerSecond() == 0 ? "ETA ?" : "ETA " + duration((total - done) / requestsPerSecond());
        return String.format(Locale.ROOT, "%d/%d (%d%%), %d failed%s, %.1f req/s, %s", done, total, Math.round(fraction() * 100),
                failed, notSent == 0 ? "" : ", " + notSent + " not sent", requestsPerSecond(), eta);
    }

    private static String duration(double seconds) {
        long whole = Math.round(seconds);
        return whole < 60 ? whole + "s" : whole / 60 + "m" + String.format(Locale.ROOT, "%02d", whole % 60) + "s";
    }
}
