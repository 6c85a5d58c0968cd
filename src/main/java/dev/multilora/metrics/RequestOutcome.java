package dev.multilora.metrics;

/** How a request (or an invalid dataset line) ended: the one fact every output counts by. */
public enum RequestOutcome {
    /** Sent, and the server answered with a complete result. */
    OK("success"),
    /** Sent, and it failed: an HTTP error, a broken stream, a timeout, a refused connection, a dead server. */
    FAILED("failure"),
    /** Never sent: a stop condition ended the run first. */
    NOT_SENT("not_sent"),
    /** Never sent: the dataset line is not a valid request. */
    INVALID_LINE("invalid_line"),
    /** Never sent: the adapter is not in the catalog. */
    UNKNOWN_ADAPTER("unknown_adapter");

    private final String tag;

    RequestOutcome(String tag) {
        this.tag = tag;
    }

    /** The value of the `outcome` tag on the per-request timer. */
    public String tag() {
        return tag;
    }

    public boolean wasSent() {
        return this == OK || this == FAILED;
    }
}
