package dev.multilora.cli;

import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.sweep.CapacityResult;
import dev.multilora.sweep.SweepException;
import dev.multilora.sweep.SweepFile;
import dev.multilora.sweep.SweepOutcome;
import dev.multilora.sweep.SweepPlan;
import dev.multilora.sweep.SweepPoint;
import dev.multilora.sweep.SweepRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.camel.CamelExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "Sweep file format: README.md, section Sweeps. Configuration keys: README.md, section Configuration."},
        description = {"Runs a sweep file: a grid or list of config points (and optionally a capacity search at each), every"
                + " point repeated, each run an ordinary run folder inside paths.outbox/sweep-<name>-<time>/, with"
                + " sweep.json, summary.csv, summary.json and plots/ beside them.",
                "Exit status: 0 every run completed; 1 a run failed or another benchmark holds the outbox; 2 a bad sweep file,"
                        + " configuration or --resume folder; 130 / 143 interrupted (every finished run is kept: --resume the folder)."})
final class SweepCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "SWEEP.yaml", description = "The sweep file.")
    Path sweepFile;

    @Option(names = "--dry-run", description = "Print the plan (points, server combinations, runs) and run nothing.")
    boolean dryRun;

    @Option(names = "--resume", paramLabel = "DIR", description = "Finish the sweep in DIR (a sweep folder started from the same"
            + " sweep file): runs it finished are kept, only the missing ones run.")
    Path resume;

    @Override
    public Integer call() throws Exception {
        ConfigLoader loader = common.loader();
        SweepPlan plan;
        EffectiveConfig base;
        try {
            plan = new SweepFile(loader).read(sweepFile, common.configFile());
            base = loader.load(plan.configFile(), plan.overrides());
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (dryRun) {
            print(plan, System.out);
            return 0;
        }
        if (resume != null && !Files.isDirectory(resume)) {
            System.err.println("error: --resume " + resume + ": no such folder");
            return 2;
        }
        try (PipelineRuntime runtime = new PipelineRuntime(common.home(), loader, base, Map.of(), false)) {
            SweepOutcome outcome;
            try {
                outcome = runtime.sweep(new SweepRequest(plan, resume));
            } catch (CamelExecutionException e) {
                if (e.getCause() instanceof SweepException cause) {
                    System.err.println("error: " + cause.getMessage());
                    return cause.badUsage() ? 2 : 1;
                }
                throw e;
            }
            report(outcome, System.out);
            if (outcome.isInterrupted()) {
                System.err.println("interrupted: every finished run is kept; finish it with --resume " + outcome.folder());
                return runtime.interruptions().exitCode().orElse(130);
            }
            return outcome.notDone() > 0 ? 1 : 0;
        }
    }

    static void print(SweepPlan plan, PrintStream out) {
        int runsPerPoint = plan.repeats();
        out.println("sweep " + plan.name() + ": " + plan.points().size() + " points x " + runsPerPoint + " repeats"
                + (plan.search() == null ? " = " + plan.points().size() * runsPerPoint + " runs" : " per probe")
                + " on " + plan.serverCombinations() + " server combination(s)");
        out.println("  config  " + plan.configFile());
        out.println("  dataset " + (plan.dataset() == null ? "benchmark.dataset_path of the config" : plan.dataset()));
        if (!plan.overrides().isEmpty()) {
            out.println("  every run " + plan.overrides().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        int combination = 0;
        for (SweepPoint point : plan.points()) {
            if (point.serverCombination() != combination) {
                combination = point.serverCombination();
                out.println("server combination " + combination + (point.adapters() == null ? "" : " (" + point.adapters() + " adapters)"));
            }
            out.println("  point " + point.number() + ": " + point.label());
        }
        if (plan.search() != null) {
            out.println("search at each point: the highest " + plan.search().variable() + " in [" + plan.search().valueText(plan.search().low())
                    + ", " + plan.search().valueText(plan.search().high()) + "] to within " + plan.search().tolerance() + " meeting "
                    + plan.search().constraints().stream().map(Object::toString).collect(Collectors.joining(" and "))
                    + "; each probe is " + runsPerPoint + " run(s)");
        }
    }

    private static void report(SweepOutcome outcome, PrintStream out) {
        out.println("sweep: " + outcome.ran() + " runs" + (outcome.reused() > 0 ? " (and " + outcome.reused() + " kept from an earlier attempt)" : "")
                + (outcome.notDone() > 0 ? ", " + outcome.notDone() + " not completed" : ""));
        for (CapacityResult capacity : outcome.capacities()) {
            String found = capacity.result().highest() == null ? "none in the bounds (the low bound already missed)"
                    : capacity.result().highest() + ("high".equals(capacity.result().bound()) ? " (the high bound: it may sustain more)" : "");
            out.println("capacity  " + capacity.point().label() + ": " + found + ", " + capacity.result().probes().size() + " probes"
                    + (capacity.finished() ? "" : " (cut short)"));
        }
        out.println("summary   " + outcome.folder().resolve("summary.csv"));
    }
}
