package dev.multilora.work;

import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.util.Properties;

/**
 * What a process is to the work queue, which decides the routes it starts: none (every run local),
 * the coordinator (`watch` with work.broker_url: runs go to the queue, results are collected), a
 * worker (`worker`: takes runs), or a listener (`workers`: hears the workers' announcements).
 */
public enum WorkRole {
    NONE, COORDINATOR, WORKER, LISTENER;

    /** `watch` coordinates when the config names a broker, and runs locally otherwise. */
    public static WorkRole forWatch(EffectiveConfig config) {
        return config.optionalString(Setting.WORK_BROKER_URL).isPresent() ? COORDINATOR : NONE;
    }

    /** The placeholders routes/work.camel.yaml and routes/worker.camel.yaml read (application.properties has their defaults). */
    public Properties camelProperties(EffectiveConfig config) {
        Properties properties = new Properties();
        properties.setProperty("multilora.work.coordinator", Boolean.toString(this == COORDINATOR));
        properties.setProperty("multilora.worker", Boolean.toString(this == WORKER));
        properties.setProperty("multilora.work.listener", Boolean.toString(this == LISTENER || this == COORDINATOR));
        properties.setProperty("multilora.runs.endpoint", this == COORDINATOR ? "direct:work-submit" : "direct:benchmark");
        properties.setProperty("multilora.sweep.runs.endpoint", this == COORDINATOR ? "direct:work-run" : "direct:benchmark");
        config.optionalString(Setting.WORK_BROKER_URL).ifPresent(url -> properties.setProperty("multilora.work.broker_url", url));
        properties.setProperty("work.queue", config.string(Setting.WORK_QUEUE));
        properties.setProperty("work.results_queue", config.string(Setting.WORK_RESULTS_QUEUE));
        properties.setProperty("work.dead_letter_queue", config.string(Setting.WORK_DEAD_LETTER_QUEUE));
        properties.setProperty("work.workers_topic", config.string(Setting.WORK_WORKERS_TOPIC));
        properties.setProperty("multilora.work.heartbeat_ms", Long.toString(Math.round(config.decimal(Setting.WORK_HEARTBEAT_S) * 1000)));
        return properties;
    }
}
