package dev.multilora.results;

/**
 * vLLM's goodput (requests per second that met every SLO) and the share of requests that did;
 * both null when no SLO is configured.
 */
public record SloFigures(Double requestGoodput, Double attainmentPct) {
    public static final SloFigures UNDEFINED = new SloFigures(null, null);
}
