package dev.multilora.results;

/** How one adapter was served: its rates, goodput and TTFT/TPOT/ITL/E2EL percentiles (p50, p95, p99). */
public record AdapterServing(double requestsPerSec, double outputTokensPerSec, SloFigures slo,
                             Distribution ttft, Distribution tpot, Distribution itl, Distribution e2el) {
}
