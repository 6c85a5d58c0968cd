package dev.multilora.client;

import java.io.IOException;
import java.math.BigDecimal;

/** A response still arriving when the request's deadline, benchmark.request_timeout_s after its send, passed. */
final class RequestTimedOutException extends IOException {
    RequestTimedOutException(double timeoutSeconds, Throwable cut) {
        super("timed out: the response was not complete within benchmark.request_timeout_s (" + seconds(timeoutSeconds) + ")", cut);
    }

    static String seconds(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + " s";
    }
}
