package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterDistribution;
import dev.multilora.adapter.RoundRobinDistribution;
import dev.multilora.adapter.UniformDistribution;
import dev.multilora.adapter.ZipfDistribution;
import dev.multilora.dataset.DatasetLine;
import dev.multilora.dataset.LineParser;
import dev.multilora.testing.JsonlFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The indexed plan is the plan the list-based planner made before it, request for request: same
 * seeds, same requests, so results stay comparable across the change.
 */
class PlanEquivalenceTest {
    private static final AdapterCatalog CATALOG = new AdapterCatalog(List.of(
            new Adapter("alpha", Path.of("/a/alpha"), 8),
            new Adapter("beta", Path.of("/a/beta"), 16),
            new Adapter("gamma", Path.of("/a/gamma"), 8),
            new Adapter("delta", Path.of("/a/delta"), 8)), List.of());

    /** 37 lines: every seventh invalid, some with their own max_tokens, adapters from the dataset. */
    private static List<String> dataset() {
        return IntStream.rangeClosed(1, 37).mapToObj(i -> i % 7 == 0 ? "{\"prompt\": " + i + "}"
                : "{\"prompt\": \"prompt " + i + " \\\"q\\\" é\", \"adapter_name\": \"a" + i % 3 + "\""
                + (i % 5 == 0 ? ", \"max_tokens\": " + i : "") + "}").toList();
    }

    static Stream<Arguments> options() {
        ArrivalProcess poisson = new ArrivalProcess(50.0, 1.0);
        ArrivalProcess bursty = new ArrivalProcess(20.0, 0.3);
        return Stream.of(
                Arguments.of(null, false, false, 0L, new UniformDistribution(), ArrivalProcess.closedLoop()),
                Arguments.of(null, true, false, 42L, new UniformDistribution(), poisson),
                Arguments.of(100, true, false, 7L, new UniformDistribution(), ArrivalProcess.closedLoop()),
                Arguments.of(100, true, true, 7L, new UniformDistribution(), poisson),
                Arguments.of(250, true, true, 123456789L, new ZipfDistribution(1.2), bursty),
                Arguments.of(75, false, true, -3L, new RoundRobinDistribution(), poisson),
                Arguments.of(10, true, true, 5L, new ZipfDistribution(0.8), ArrivalProcess.closedLoop()));
    }

    @ParameterizedTest
    @MethodSource("options")
    void indexedPlanEqualsTheListPlan(Integer numRequests, boolean shuffle, boolean random, long seed,
                                      AdapterDistribution distribution, ArrivalProcess arrivals, @TempDir Path folder)
            throws Exception {
        RequestPlanner.Options options = new RequestPlanner.Options(numRequests, shuffle, random, seed, distribution, arrivals);
        LineParser parser = new LineParser();
        List<String> raw = dataset();
        List<DatasetLine> lines = IntStream.range(0, raw.size()).mapToObj(i -> parser.parse(raw.get(i), i + 1, !random)).toList();
        try (JsonlFiles files = new JsonlFiles(folder)) {
            List<PlannedRequest> indexed = new RequestPlanner().plan(files.index(raw, !random), CATALOG, options);

            assertEquals(listPlan(lines, CATALOG, options), new ArrayList<>(indexed));
        }
    }

    /** The planner as it was when it held every line and its prompt in a list. */
    private static List<PlannedRequest> listPlan(List<DatasetLine> lines, AdapterCatalog catalog, RequestPlanner.Options options) {
        List<DatasetLine> valid = new ArrayList<>(lines.stream().filter(DatasetLine::isValid).toList());
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
        List<PlannedRequest> plan = new ArrayList<>();
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
}
