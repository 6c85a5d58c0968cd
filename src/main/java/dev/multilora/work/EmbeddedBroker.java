package dev.multilora.work;

import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An Apache ActiveMQ Artemis broker inside this process, for trying workers on one machine and for
 * the tests: the work, results and dead-letter queues of the config, persisted in a folder (a
 * broker restarted on the same folder still has every message), security off, so bind it to a
 * loopback or private address only. A fleet runs Artemis from its own distribution (README.md).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedActiveMQ broker;
    private final String url;

    private EmbeddedBroker(EmbeddedActiveMQ broker, String url) {
        this.broker = broker;
        this.url = url;
    }

    /**
     * @param maxAttempts       deliveries of a run before the broker moves it to the dead-letter queue
     * @param redeliveryDelayMs how long a run given back (its worker gone) waits before its next delivery
     */
    public static EmbeddedBroker start(EffectiveConfig config, String host, int port, Path dataFolder, int maxAttempts,
                                       long redeliveryDelayMs) throws Exception {
        String workQueue = config.string(Setting.WORK_QUEUE);
        String resultsQueue = config.string(Setting.WORK_RESULTS_QUEUE);
        String deadLetters = config.string(Setting.WORK_DEAD_LETTER_QUEUE);
        String url = "tcp://" + host + ":" + port;
        Configuration configuration = new ConfigurationImpl()
                .setName("multilora-bench")
                .setPersistenceEnabled(true)
                // NIO: the AIO journal needs libaio, which a laptop or CI host may lack
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dataFolder.resolve("journal").toString())
                .setBindingsDirectory(dataFolder.resolve("bindings").toString())
                .setLargeMessagesDirectory(dataFolder.resolve("large-messages").toString())
                .setPagingDirectory(dataFolder.resolve("paging").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("workers", url)
                .addAddressSetting(workQueue, new AddressSettings()
                        .setMaxDeliveryAttempts(maxAttempts)
                        .setRedeliveryDelay(redeliveryDelayMs)
                        .setDeadLetterAddress(SimpleString.of(deadLetters)))
                // results are never dropped: `watch` takes each as often as it needs to collect it
                .addAddressSetting(resultsQueue, new AddressSettings().setMaxDeliveryAttempts(-1).setRedeliveryDelay(redeliveryDelayMs))
                .addQueueConfiguration(durableQueue(workQueue))
                .addQueueConfiguration(durableQueue(resultsQueue))
                .addQueueConfiguration(durableQueue(deadLetters));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        return new EmbeddedBroker(broker, url);
    }

    private static QueueConfiguration durableQueue(String name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }

    /** What work.broker_url should say to reach it. */
    public String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
