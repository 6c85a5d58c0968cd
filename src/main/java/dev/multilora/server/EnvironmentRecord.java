package dev.multilora.server;

import dev.multilora.run.BenchmarkRun;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.exec.ExecResult;

/**
 * What a run ran on, for results.json's "environment": the server's version, the GPUs as
 * nvidia-smi reports them, the host, the JVM and this tool. A missing tool is recorded as absent.
 */
public final class EnvironmentRecord {
    private final ServerSupervisor supervisor;

    public EnvironmentRecord(ServerSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** @param nvidiaSmi the result of `nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader` */
    public void withGpus(BenchmarkRun run, ExecResult nvidiaSmi) throws Exception {
        Object gpus = "absent (nvidia-smi exited with code " + nvidiaSmi.getExitValue() + ")";
        if (nvidiaSmi.getExitValue() == 0 && nvidiaSmi.getStdout() != null) {
            List<Map<String, String>> found = new ArrayList<>();
            for (String line : new String(nvidiaSmi.getStdout().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split(",\\s*");
                if (fields.length == 3) {
                    found.add(Map.of("name", fields[0].strip(), "memory_total", fields[1].strip(), "driver_version", fields[2].strip()));
                }
            }
            gpus = found;
        }
        record(run, gpus);
    }

    /** The deepest cause says it plainly ("Cannot run program "nvidia-smi": error=2, No such file or directory"). */
    public void withoutGpus(BenchmarkRun run, Exception cause) throws InterruptedException {
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        record(run, "absent (nvidia-smi not available: " + root.getMessage() + ")");
    }

    private void record(BenchmarkRun run, Object gpus) throws InterruptedException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("server_version", supervisor.serverVersion(run).orElse("unknown (no /version)"));
        facts.put("gpus", gpus);
        facts.put("host", hostName());
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        facts.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("cpus", Runtime.getRuntime().availableProcessors());
        facts.put("tool_version", ToolVersion.current());
        run.recordEnvironment(facts);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
