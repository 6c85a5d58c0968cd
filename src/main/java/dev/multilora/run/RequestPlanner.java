package dev.multilora.run;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterDistribution;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.dataset.DatasetLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Decides the measured request sequence from the dataset's lines: optional seeded shuffle, then
 * cycling to the requested count, then the adapter and the due time of each request. Same lines,
 * config and seed always give the same plan; the plan is in due-time order.
 */
public final class RequestPlanner {

    /** What the planner needs from the run's configuration. */
    public record Options(Integer numRequests, boolean shuffle, boolean randomAdapters, long seed,
                          AdapterDistribution distribution, ArrivalProcess arrivals) {
    }

    /** The plan for a run, with its options taken from the run's configuration. */
    public List<PlannedRequest> plan(List<DatasetLine> lines, BenchmarkRun run) {
        EffectiveConfig config = run.config();
        Options options = new Options(config.optionalInteger(Setting.NUM_REQUESTS).orElse(null),
                config.flag(Setting.SHUFFLE_DATA), config.flag(Setting.RANDOM_ADAPTER_ASSIGNMENT),
                config.longValue(Setting.SEED), AdapterDistribution.fromConfig(config.map(Setting.ADAPTER_DISTRIBUTION)),
                arrivals(config));
        return plan(lines, run.catalog(), options);
    }

    private static ArrivalProcess arrivals(EffectiveConfig config) {
        return new ArrivalProcess(config.optionalDecimal(Setting.REQUEST_RATE).orElse(null), config.decimal(Setting.BURSTINESS));
    }

    public List<PlannedRequest> plan(List<DatasetLine> lines, AdapterCatalog catalog, Options options) {
        List<DatasetLine> valid = new ArrayList<>(lines.stream().filter(DatasetLine::isValid).toList());
        if (valid.isEmpty()) {
            throw new RunAbortedException("the dataset has no valid line (" + lines.size() + " non-blank, all invalid)");
        }
        if (options.randomAdapters() && catalog.adapters().isEmpty()) {
            throw new RunAbortedException("benchmark.random_adapter_assignment is true but the adapter catalog is empty");
        }
        SeededRandoms randoms = new SeededRandoms(options.seed());
        if (options.shuffle()) {
            Collections.shuffle(valid, randoms.forPurpose(SeededRandoms.SHUFFLE));
        }
        List<Adapter> adapters = catalog.adapters();
        IntSupplier adapterDraws = options.randomAdapters()
                ? options.distribution().sampler(adapters.size(), randoms.forPurpose(SeededRandoms.ADAPTER_ASSIGNMENT))
                : null;
        int count = options.numRequests() == null ? valid.size() : options.numRequests();
        double[] offsets = options.arrivals().offsets(count, randoms.forPurpose(SeededRandoms.ARRIVALS));
        List<PlannedRequest> plan = new ArrayList<>(count + lines.size());
        for (int i = 0; i < count; i++) {
            DatasetLine line = valid.get(i % valid.size());
            String adapter = adapterDraws != null ? adapters.get(adapterDraws.getAsInt()).name() : line.adapterName();
            plan.add(new PlannedRequest(i + 1, line.lineNumber(), line.prompt(), adapter, null, line.maxTokens(), offsets[i]));
        }
        for (DatasetLine line : lines) {
            if (!line.isValid()) {
                plan.add(new PlannedRequest(null, line.lineNumber(), null, null, line.invalidReason(), null, null));
            }
        }
        return plan;
    }

    /**
     * Warmup requests: each adapter of the catalog and the base model get {@code perAdapter}
     * requests with the first valid line's prompt (vLLM warms only the base model, with its first
     * prompt). They carry no request id: they are never measured.
     */
    public List<PlannedRequest> warmup(List<DatasetLine> lines, BenchmarkRun run) {
        int perAdapter = run.config().integer(Setting.WARMUP_REQUESTS);
        DatasetLine first = lines.stream().filter(DatasetLine::isValid).findFirst().orElse(null);
        List<PlannedRequest> warmup = new ArrayList<>();
        if (first == null || perAdapter == 0) {
            return warmup;
        }
        List<String> targets = new ArrayList<>();
        run.catalog().adapters().forEach(a -> targets.add(a.name()));
        targets.add(run.config().string(Setting.MODEL_NAME));
        for (String target : targets) {
            for (int i = 0; i < perAdapter; i++) {
                warmup.add(new PlannedRequest(null, first.lineNumber(), first.prompt(), target, null, first.maxTokens(), null));
            }
        }
        return warmup;
    }
}
