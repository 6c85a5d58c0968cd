package dev.multilora.work;

import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.observe.CurrentRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Who a worker is and what it serves: its engine and model from its config, its GPU from work.gpu or
 * nvidia-smi (as the environment record finds it). The JMS selector built from them lets the broker
 * hand it only the runs whose work.requires it meets: a run for an H100 never reaches an A10G host.
 */
public final class WorkerIdentity {
    static final String NO_GPU = "none";

    private final Supplier<EffectiveConfig> config;
    private final CurrentRun currentRun;
    private volatile Map<String, String> serves;
    private volatile String name;
    private volatile String workId;

    /** @param config the worker's config as it starts; read on first use, so a `bench` never asks nvidia-smi */
    public WorkerIdentity(Supplier<EffectiveConfig> config, CurrentRun currentRun) {
        this.config = config;
        this.currentRun = currentRun;
    }

    public String name() {
        describe();
        return name;
    }

    /** engine, model (when the config names one) and gpu. */
    public Map<String, String> serves() {
        describe();
        return serves;
    }

    private synchronized void describe() {
        if (serves != null) {
            return;
        }
        EffectiveConfig startup = config.get();
        Map<String, String> found = new LinkedHashMap<>();
        found.put("engine", startup.string(Setting.SERVER_ENGINE));
        startup.optionalString(Setting.MODEL_NAME).ifPresent(model -> found.put("model", model));
        found.put("gpu", startup.optionalString(Setting.WORK_GPU).orElseGet(WorkerIdentity::firstGpu));
        name = startup.optionalString(Setting.WORK_NAME).orElseGet(() -> hostName() + "-" + ProcessHandle.current().pid());
        serves = Map.copyOf(found);
    }

    /**
     * The message selector: a run that requires nothing of a property, or exactly what this worker
     * serves. Properties are named requires_gpu, requires_engine, requires_model on the message.
     */
    public String selector() {
        return Setting.REQUIREMENTS.stream().sorted().map(property -> {
            String header = WorkMessages.requirementHeader(property);
            String served = serves().get(property);
            return served == null ? header + " IS NULL"
                    : "(" + header + " IS NULL OR " + header + " = '" + served.replace("'", "''") + "')";
        }).collect(Collectors.joining(" AND "));
    }

    /** The work item this worker has taken, so its announcements say which; null once its results are sent. */
    void taking(String id) {
        workId = id;
    }

    public Heartbeat heartbeat() {
        String running = currentRun.open().map(run -> run.dataset().getFileName().toString()).orElse(null);
        Map<String, String> served = serves();
        return new Heartbeat(name(), served.get("engine"), served.get("model"), served.get("gpu"), running, workId,
                Instant.now().toString());
    }

    private static String firstGpu() {
        try {
            Process smi = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            String out = new String(smi.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!smi.waitFor(10, TimeUnit.SECONDS) || smi.exitValue() != 0) {
                return NO_GPU;
            }
            return Optional.of(out.lines().findFirst().orElse("").strip()).filter(gpu -> !gpu.isEmpty()).orElse(NO_GPU);
        } catch (IOException e) {
            return NO_GPU;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_GPU;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
