package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;

/** A limit on one figure of a run, e.g. p99_ttft_ms <= 500 or per_adapter.max.p95_ttft_ms <= 800. */
public record Constraint(String figure, String operator, double limit) {

    /** Whether the run's results.json meets it; a figure the run does not have (nothing succeeded) does not. */
    public boolean metBy(JsonNode results) {
        Double value = Figures.read(results, figure);
        if (value == null) {
            return false;
        }
        return switch (operator) {
            case "<=" -> value <= limit;
            case "<" -> value < limit;
            case ">=" -> value >= limit;
            case ">" -> value > limit;
            default -> throw new IllegalStateException("operator " + operator);
        };
    }

    @Override
    public String toString() {
        return figure + " " + operator + " " + (limit == Math.rint(limit) ? Long.toString((long) limit) : Double.toString(limit));
    }
}
