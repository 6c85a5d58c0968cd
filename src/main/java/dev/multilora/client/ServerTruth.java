package dev.multilora.client;

/**
 * What the bundled stand-in says it did for a request (its usage.sim_timing), which a real engine
 * does not say: the adapter load the request paid, and which adapter really ran.
 *
 * @param adapterLoadSeconds the adapter load; null when the server does not say
 * @param namesAdapter       the server said which adapter ran
 * @param servedAdapter      the adapter that ran; null for the base model, or when not said
 */
public record ServerTruth(Double adapterLoadSeconds, boolean namesAdapter, String servedAdapter) {
    public static final ServerTruth UNTOLD = new ServerTruth(null, false, null);

    /**
     * Why the request's results would be false: the server ran another adapter (or the base model)
     * than the request asked for; null when it ran the one asked for, or does not say.
     *
     * @param requested the adapter the request asked for, or the base model
     */
    public String mismatch(String requested, String baseModel) {
        if (!namesAdapter) {
            return null;
        }
        String expected = requested.equals(baseModel) ? null : requested;
        if (expected == null ? servedAdapter == null : expected.equals(servedAdapter)) {
            return null;
        }
        return "the server ran " + (servedAdapter == null ? "the base model" : "adapter " + servedAdapter)
                + ", not " + (expected == null ? "the base model" : "adapter " + expected)
                + " as asked: the engine did not select the adapter the request named";
    }
}
