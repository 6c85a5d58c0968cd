package dev.multilora.cli;

import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.run.RunFinisher;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "Configuration keys: README.md, section Configuration; -D key=value sets any of them."},
        description = {"Benchmarks one dataset where it is and writes a run folder to the outbox.",
                "Exit status: 0 the run completed with at least one successful request; 1 the run failed or every"
                        + " request failed; 2 bad usage or configuration."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--dataset", paramLabel = "PATH", description = "Dataset file (JSONL); overrides benchmark.dataset_path.")
    Path dataset;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at most; overrides benchmark.concurrency.")
    Integer concurrency;

    @Option(names = "--num-requests", paramLabel = "N", description = "Measured requests; overrides benchmark.num_requests.")
    Integer numRequests;

    @Option(names = "--json", description = "Print results.json (status.json when nothing was measured) on stdout instead of"
            + " the summary, for scripts: bench --json | jq .")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (concurrency != null) {
            overrides.put(Setting.CONCURRENCY.key(), concurrency.toString());
        }
        if (numRequests != null) {
            overrides.put(Setting.NUM_REQUESTS.key(), numRequests.toString());
        }
        ConfigLoader loader = common.loader();
        EffectiveConfig config;
        try {
            config = common.load(loader, overrides);
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        RunRequest request = new RunRequest(dataset, config.source(), overrides, RunRequest.BENCH, config.path(Setting.OUTBOX));
        try (PipelineRuntime runtime = new PipelineRuntime(common.home(), loader, config, overrides, false)) {
            RunOutcome outcome = runtime.bench(request);
            if (json) {
                Path document = outcome.folder().resolve(outcome.hasResults() ? "results.json" : RunFinisher.STATUS_FILE);
                System.out.println(Files.readString(document, StandardCharsets.UTF_8).strip());
            } else {
                new SummaryPrinter(System.out).print(outcome);
            }
            if (outcome.isInterrupted()) {
                System.err.println("interrupted (" + outcome.message() + "): what was measured until then is in " + outcome.folder());
                return runtime.interruptions().exitCode().orElse(130);
            }
            if (!outcome.isCompleted()) {
                System.err.println("error: " + outcome.message());
                return 1;
            }
            if (!outcome.anyRequestSucceeded()) {
                System.err.println("error: every request failed; see " + outcome.folder().resolve("results.csv"));
                return 1;
            }
            return 0;
        }
    }
}
