package dev.multilora.sweep;

/** A point's capacity search, over or cut short by an interruption ({@code finished} false). */
public record CapacityResult(SweepPoint point, Bisection.Result result, boolean finished) {
}
