package dev.multilora.observe;

import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.util.Optional;
import java.util.Properties;

/**
 * metrics.port and metrics.host as camel-main's management server: Camel itself serves its
 * Prometheus registry (this tool's meters beside Camel's own) at /metrics, from start to exit.
 */
public final class MetricsServing {
    public static final String PATH = "/metrics";

    private MetricsServing() {
    }

    /** The camel.management.* and camel.metrics.* settings for the process's config; empty when metrics.port is unset. */
    public static Properties camelProperties(EffectiveConfig startup) {
        Properties properties = new Properties();
        Optional<Integer> port = startup.optionalInteger(Setting.METRICS_PORT);
        if (port.isEmpty()) {
            return properties;
        }
        properties.setProperty("camel.management.enabled", "true");
        properties.setProperty("camel.management.host", startup.string(Setting.METRICS_HOST));
        properties.setProperty("camel.management.port", port.get().toString());
        properties.setProperty("camel.management.metricsEnabled", "true");
        properties.setProperty("camel.metrics.path", PATH);
        return properties;
    }
}
