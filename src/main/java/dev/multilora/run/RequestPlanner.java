package dev.multilora.run;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterDistribution;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.dataset.DatasetIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

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
    public List<PlannedRequest> plan(DatasetIndex dataset, BenchmarkRun run) {
        EffectiveConfig config = run.config();
        Options options = new Options(config.optionalInteger(Setting.NUM_REQUESTS).orElse(null),
                config.flag(Setting.SHUFFLE_DATA), config.flag(Setting.RANDOM_ADAPTER_ASSIGNMENT),
                config.longValue(Setting.SEED), AdapterDistribution.fromConfig(config.map(Setting.ADAPTER_DISTRIBUTION)),
                arrivals(config));
        return plan(dataset, run.catalog(), options);
    }

    private static ArrivalProcess arrivals(EffectiveConfig config) {
        return new ArrivalProcess(config.optionalDecimal(Setting.REQUEST_RATE).orElse(null), config.decimal(Setting.BURSTINESS));
    }

    /** The measured requests in plan order, then one unmeasured entry per invalid line, in file order. */
    public List<PlannedRequest> plan(DatasetIndex dataset, AdapterCatalog catalog, Options options) {
        int valid = dataset.validLines();
        if (valid == 0) {
            String firstProblems = dataset.invalidLines().stream().limit(5)
                    .map(line -> "line " + line.lineNumber() + ": " + line.reason())
                    .collect(Collectors.joining("; "));
            throw new RunAbortedException("the dataset has no valid line (" + dataset.nonBlankLines() + " non-blank, all invalid"
                    + (firstProblems.isEmpty() ? "" : "; " + firstProblems + (dataset.invalidLines().size() > 5 ? "; ..." : "")) + ")");
        }
        if (options.randomAdapters() && catalog.adapters().isEmpty()) {
            throw new RunAbortedException("benchmark.random_adapter_assignment is true but the adapter catalog is empty");
        }
        SeededRandoms randoms = new SeededRandoms(options.seed());
        int[] lineOrder = new int[valid];
        for (int i = 0; i < valid; i++) {
            lineOrder[i] = i;
        }
        if (options.shuffle()) {
            shuffle(lineOrder, randoms.forPurpose(SeededRandoms.SHUFFLE));
        }
        int count = options.numRequests() == null ? valid : options.numRequests();
        List<String> adapterNames = catalog.adapters().stream().map(Adapter::name).toList();
        int[] drawnAdapters = null;
        if (options.randomAdapters()) {
            IntSupplier draws = options.distribution().sampler(adapterNames.size(),
                    randoms.forPurpose(SeededRandoms.ADAPTER_ASSIGNMENT));
            drawnAdapters = new int[count];
            for (int i = 0; i < count; i++) {
                drawnAdapters[i] = draws.getAsInt();
            }
        }
        double[] offsets = options.arrivals().offsets(count, randoms.forPurpose(SeededRandoms.ARRIVALS));
        return new PlannedRequests(dataset, lineOrder, count, drawnAdapters, adapterNames, offsets);
    }

    /**
     * The swaps of {@link java.util.Collections#shuffle(List, Random)}, draw for draw, so a seed gives
     * the order it gave when the lines were shuffled as a list.
     */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length; i > 1; i--) {
            int j = random.nextInt(i);
            int swapped = order[i - 1];
            order[i - 1] = order[j];
            order[j] = swapped;
        }
    }

    /**
     * Warmup requests: each adapter of the catalog and the base model get {@code perAdapter}
     * requests with the first valid line's prompt (vLLM warms only the base model, with its first
     * prompt). They carry no request id: they are never measured.
     */
    public List<PlannedRequest> warmup(DatasetIndex dataset, BenchmarkRun run) {
        int perAdapter = run.config().integer(Setting.WARMUP_REQUESTS);
        List<PlannedRequest> warmup = new ArrayList<>();
        if (dataset.validLines() == 0 || perAdapter == 0) {
            return warmup;
        }
        String prompt = dataset.prompt(0);
        List<String> targets = new ArrayList<>();
        run.catalog().adapters().forEach(a -> targets.add(a.name()));
        targets.add(run.config().string(Setting.MODEL_NAME));
        for (String target : targets) {
            for (int i = 0; i < perAdapter; i++) {
                warmup.add(new PlannedRequest(null, dataset.lineNumber(0), prompt, target, null, dataset.maxTokens(0), null,
                        dataset.messages(0)));
            }
        }
        return warmup;
    }
}
