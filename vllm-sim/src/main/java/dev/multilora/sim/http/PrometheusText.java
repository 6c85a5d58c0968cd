package dev.multilora.sim.http;

import dev.multilora.sim.engine.Histogram;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.math.BigDecimal;

/** Prometheus text exposition, with HELP and TYPE lines, as prometheus_client writes it. */
final class PrometheusText {

    private final StringBuilder text = new StringBuilder(8192);
    private final String labels;

    /** @param labels the label set every sample carries, without braces; may be empty */
    PrometheusText(String labels) {
        this.labels = labels;
    }

    PrometheusText gauge(String name, String help, double value) {
        header(name, help, "gauge");
        sample(name, "", value);
        return this;
    }

    /** A counter named without its _total suffix, as prometheus_client's HELP/TYPE lines name it. */
    PrometheusText counter(String name, String help, double value) {
        header(name, help, "counter");
        sample(name + "_total", "", value);
        return this;
    }

    PrometheusText histogram(String name, String help, Histogram histogram) {
        header(name, help, "histogram");
        long count = histogram.count();
        for (int bucket = 0; bucket < histogram.buckets(); bucket++) {
            sample(name + "_bucket", "le=\"" + number(histogram.upperBound(bucket)) + "\"",
                    histogram.cumulativeCount(bucket));
        }
        sample(name + "_bucket", "le=\"+Inf\"", count);
        sample(name + "_count", "", count);
        sample(name + "_sum", "", histogram.sum());
        return this;
    }

    PrometheusText header(String name, String help, String type) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample with the common labels plus {@code extraLabels} (without braces, may be empty). */
    PrometheusText sample(String name, String extraLabels, double value) {
        text.append(name);
        if (!labels.isEmpty() || !extraLabels.isEmpty()) {
            text.append('{').append(labels);
            if (!labels.isEmpty() && !extraLabels.isEmpty()) {
                text.append(',');
            }
            text.append(extraLabels).append('}');
        }
        text.append(' ').append(number(value)).append('\n');
        return this;
    }

    /** A sample carrying only its own labels. */
    PrometheusText sampleWithoutCommonLabels(String name, String ownLabels, double value) {
        text.append(name).append('{').append(ownLabels).append("} ").append(number(value)).append('\n');
        return this;
    }

    void send(HttpServerResponse response) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").end(text.toString());
    }

    /** Plain decimals with a fraction, as prometheus_client prints floats, never in E notation. */
    static String number(double value) {
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
