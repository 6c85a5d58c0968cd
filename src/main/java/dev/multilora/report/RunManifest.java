package dev.multilora.report;

import dev.multilora.config.Setting;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.metrics.ResultsSummary;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.server.ToolVersion;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json: what it takes to replay a run's requests exactly: seed, effective config (secrets
 * redacted), tool version, dataset, and the schedule of every measured request in id order.
 */
public final class RunManifest {

    public Map<String, Object> build(List<RequestRecord> records, BenchmarkRun run) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("seed", run.config().longValue(Setting.SEED));
        manifest.put("tool_version", ToolVersion.current());
        manifest.put("dataset", run.dataset().toString());
        manifest.put("config", run.config().asNestedMap());
        manifest.put("schedule", schedule(ResultsSummary.ordered(records)));
        return manifest;
    }

    /**
     * One entry per measured request, built as the JSON writer reaches it: a million-request run
     * never holds a million entries. Measured requests come first in output order.
     */
    private static List<Map<String, Object>> schedule(List<RequestRecord> ordered) {
        int measured = (int) ordered.stream().filter(RequestRecord::isMeasured).count();
        return new AbstractList<>() {
            @Override
            public Map<String, Object> get(int index) {
                return scheduled(ordered.get(index));
            }

            @Override
            public int size() {
                return measured;
            }
        };
    }

    private static Map<String, Object> scheduled(RequestRecord record) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("request_id", record.requestId());
        entry.put("line", record.lineNumber());
        entry.put("adapter", record.adapterName());
        entry.put("scheduled_offset", record.scheduledOffsetSeconds());
        return entry;
    }
}
