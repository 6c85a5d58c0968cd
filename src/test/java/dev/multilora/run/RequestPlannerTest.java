package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterDistribution;
import dev.multilora.adapter.GeometricDistribution;
import dev.multilora.adapter.RoundRobinDistribution;
import dev.multilora.adapter.UniformDistribution;
import dev.multilora.adapter.ZipfDistribution;
import dev.multilora.dataset.DatasetIndex;
import dev.multilora.dataset.LineParser;
import dev.multilora.testing.JsonlFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestPlannerTest {
    private static final AdapterCatalog CATALOG = new AdapterCatalog(List.of(
            new Adapter("alpha", Path.of("/a/alpha"), 8),
            new Adapter("beta", Path.of("/a/beta"), 16),
            new Adapter("gamma", Path.of("/a/gamma"), 8)), List.of());

    /** Lines 1, 2, 4, 5 valid; 3 and 6 invalid. */
    private static final List<String> MIXED = List.of(
            "{\"prompt\": \"p1\", \"adapter_name\": \"alpha\"}",
            "{\"prompt\": \"p2\", \"adapter_name\": \"beta\"}",
            "not json",
            "{\"prompt\": \"p4\", \"adapter_name\": \"gamma\"}",
            "{\"prompt\": \"p5\", \"adapter_name\": \"alpha\"}",
            "{\"adapter_name\": \"alpha\"}");

    private final RequestPlanner planner = new RequestPlanner();
    private JsonlFiles files;

    @BeforeEach
    void openFiles(@TempDir Path folder) {
        files = new JsonlFiles(folder);
    }

    @AfterEach
    void closeFiles() throws IOException {
        files.close();
    }

    private List<PlannedRequest> plan(List<String> lines, Integer numRequests, boolean shuffle, boolean random, long seed) {
        return planner.plan(files.index(lines, !random), CATALOG, new RequestPlanner.Options(numRequests, shuffle, random, seed,
                new UniformDistribution(), ArrivalProcess.closedLoop()));
    }

    private static List<String> validLines(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"prompt\": \"p" + i + "\", \"adapter_name\": \"from-dataset\"}").toList();
    }

    private static List<PlannedRequest> measured(List<PlannedRequest> plan) {
        return plan.stream().filter(PlannedRequest::isMeasured).toList();
    }

    private static List<Integer> lineNumbers(List<PlannedRequest> plan) {
        return measured(plan).stream().map(PlannedRequest::lineNumber).toList();
    }

    private static List<String> adapters(List<PlannedRequest> plan) {
        return measured(plan).stream().map(PlannedRequest::adapterName).toList();
    }

    @Test
    void withoutShuffleValidLinesKeepFileOrderAndGetIdsFromOne() {
        List<PlannedRequest> plan = measured(plan(MIXED, null, false, false, 0));
        assertEquals(List.of(
                new PlannedRequest(1, 1, "p1", "alpha", null, null, 0.0),
                new PlannedRequest(2, 2, "p2", "beta", null, null, 0.0),
                new PlannedRequest(3, 4, "p4", "gamma", null, null, 0.0),
                new PlannedRequest(4, 5, "p5", "alpha", null, null, 0.0)), plan);
    }

    @Test
    void moreRequestsThanValidLinesCyclesInTheSameOrderWithUniqueIds() {
        List<PlannedRequest> plan = measured(plan(MIXED, 10, false, false, 0));
        assertEquals(List.of(1, 2, 4, 5, 1, 2, 4, 5, 1, 2), lineNumbers(plan));
        assertEquals(IntStream.rangeClosed(1, 10).boxed().toList(), plan.stream().map(PlannedRequest::requestId).toList());
    }

    @Test
    void fewerRequestsThanValidLinesTruncates() {
        assertEquals(List.of(1, 2), lineNumbers(plan(MIXED, 2, false, false, 0)));
    }

    @Test
    void invalidLinesFollowAsUnmeasuredEntriesWithTheirReason() {
        List<PlannedRequest> plan = plan(MIXED, 3, false, false, 0);
        assertEquals(5, plan.size());
        assertEquals(List.of(
                new PlannedRequest(null, 3, null, null, new LineParser().parse("not json", 3, true).invalidReason(), null, null),
                new PlannedRequest(null, 6, null, null, "missing \"prompt\"", null, null)), plan.subList(3, 5));
    }

    @Test
    void shuffleIsReproduciblePerSeedAndAPermutation() {
        List<String> lines = validLines(20);
        List<Integer> first = lineNumbers(plan(lines, null, true, false, 42));
        assertEquals(first, lineNumbers(plan(lines, null, true, false, 42)));
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), first.stream().sorted().toList());
        // 20! orders: another seed or no shuffle at all matching by chance is practically impossible
        assertNotEquals(first, lineNumbers(plan(lines, null, true, false, 43)));
        assertNotEquals(IntStream.rangeClosed(1, 20).boxed().toList(), first);
    }

    @Test
    void cyclingRepeatsTheShuffledOrder() {
        List<Integer> twice = lineNumbers(plan(validLines(6), 12, true, false, 7));
        assertEquals(twice.subList(0, 6), twice.subList(6, 12));
    }

    @Test
    void randomAssignmentDrawsOnlyCatalogNamesIgnoringTheDataset() {
        List<String> drawn = adapters(plan(validLines(5), 300, false, true, 1));
        assertEquals(Set.of("alpha", "beta", "gamma"), Set.copyOf(drawn));
    }

    @Test
    void randomAssignmentIsReproduciblePerSeed() {
        List<String> first = adapters(plan(validLines(5), 50, false, true, 9));
        assertEquals(first, adapters(plan(validLines(5), 50, false, true, 9)));
        assertNotEquals(first, adapters(plan(validLines(5), 50, false, true, 10)));
    }

    @Test
    void shufflingDoesNotChangeTheDrawnAdapterSequence() {
        List<String> unshuffled = adapters(plan(validLines(20), 40, false, true, 5));
        List<String> shuffled = adapters(plan(validLines(20), 40, true, true, 5));
        assertEquals(unshuffled, shuffled);
    }

    private List<PlannedRequest> plan(int numRequests, boolean shuffle, long seed, AdapterDistribution distribution,
                                      ArrivalProcess arrivals) {
        return planner.plan(files.index(validLines(10), false), CATALOG,
                new RequestPlanner.Options(numRequests, shuffle, true, seed, distribution, arrivals));
    }

    @Test
    void uniformDrawsAreTheCatalogIndexesOfTheAdapterAssignmentGenerator() {
        Random reference = new SeededRandoms(9).forPurpose(SeededRandoms.ADAPTER_ASSIGNMENT);
        List<String> names = List.of("alpha", "beta", "gamma");
        List<String> expected = IntStream.range(0, 25).mapToObj(i -> names.get(reference.nextInt(3))).toList();
        assertEquals(expected, adapters(plan(validLines(5), 25, false, true, 9)));
    }

    @Test
    void roundRobinAssignsTheCatalogInNameOrder() {
        assertEquals(List.of("alpha", "beta", "gamma", "alpha", "beta", "gamma", "alpha"),
                adapters(plan(7, false, 0, new RoundRobinDistribution(), ArrivalProcess.closedLoop())));
    }

    @Test
    void skewedDistributionsFavourTheFirstNames() {
        List<String> zipf = adapters(plan(3000, false, 2, new ZipfDistribution(1.2), ArrivalProcess.closedLoop()));
        List<String> geometric = adapters(plan(3000, false, 2, new GeometricDistribution(3.0), ArrivalProcess.closedLoop()));
        for (List<String> drawn : List.of(zipf, geometric)) {
            long alpha = drawn.stream().filter("alpha"::equals).count();
            long gamma = drawn.stream().filter("gamma"::equals).count();
            assertTrue(alpha > 2 * gamma, "alpha " + alpha + ", gamma " + gamma);
        }
    }

    @Test
    void closedLoopMakesEveryRequestDueAtZero() {
        assertTrue(measured(plan(MIXED, 8, false, false, 0)).stream().allMatch(r -> r.scheduledOffsetSeconds() == 0.0));
    }

    @Test
    void aRateSchedulesRequestsInIdOrderEndingAtCountOverRate() {
        List<PlannedRequest> plan = measured(plan(40, false, 3, new UniformDistribution(), new ArrivalProcess(200.0, 1.0)));
        List<Double> offsets = plan.stream().map(PlannedRequest::scheduledOffsetSeconds).toList();
        assertEquals(offsets.stream().sorted().toList(), offsets);
        assertEquals(0.2, offsets.get(39), 0.0);
    }

    @Test
    void arrivalsNeitherChangeNorDependOnShuffleAndAdapterDraws() {
        ArrivalProcess poisson = new ArrivalProcess(10.0, 1.0);
        List<PlannedRequest> closed = measured(plan(30, true, 4, new ZipfDistribution(1.0), ArrivalProcess.closedLoop()));
        List<PlannedRequest> timed = measured(plan(30, true, 4, new ZipfDistribution(1.0), poisson));
        List<PlannedRequest> roundRobin = measured(plan(30, false, 4, new RoundRobinDistribution(), poisson));
        assertEquals(closed.stream().map(PlannedRequest::lineNumber).toList(), timed.stream().map(PlannedRequest::lineNumber).toList());
        assertEquals(adapters(closed), adapters(timed));
        assertEquals(timed.stream().map(PlannedRequest::scheduledOffsetSeconds).toList(),
                roundRobin.stream().map(PlannedRequest::scheduledOffsetSeconds).toList());
    }

    @Test
    void datasetWithoutValidLineAborts() {
        List<String> allInvalid = List.of(MIXED.get(2), MIXED.get(5));
        RunAbortedException e = assertThrows(RunAbortedException.class, () -> plan(allInvalid, null, false, false, 0));
        assertTrue(e.getMessage().startsWith("the dataset has no valid line (2 non-blank, all invalid; line 1: not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; line 2: missing \"prompt\")"), e.getMessage());
        assertThrows(RunAbortedException.class, () -> plan(List.of(), null, false, false, 0));
    }

    @Test
    void randomAssignmentWithEmptyCatalogAborts() {
        RequestPlanner.Options options = new RequestPlanner.Options(null, false, true, 0, new UniformDistribution(), ArrivalProcess.closedLoop());
        RunAbortedException e = assertThrows(RunAbortedException.class,
                () -> planner.plan(files.index(validLines(3), false), AdapterCatalog.empty(), options));
        assertTrue(e.getMessage().contains("random_adapter_assignment"), e.getMessage());
    }
}
