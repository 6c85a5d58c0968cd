package dev.multilora.sim.http;

/** Model-clock milliseconds as reported to clients: rounded to the microsecond. */
final class Millis {

    private Millis() {
    }

    static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    /** For headers: plain decimal, no exponent, without String.format's cost on the hot path. */
    static String format(double ms) {
        long micros = Math.round(ms * 1000);
        long whole = micros / 1000;
        long fraction = Math.abs(micros % 1000);
        String sign = micros < 0 && whole == 0 ? "-" : "";
        return sign + whole + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
    }
}
