package dev.multilora.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.dataset.ShareGptDataset;
import dev.multilora.dataset.SyntheticDataset;
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

    @Option(names = "--synthetic", paramLabel = "N", description = "Benchmark N made-up prompts instead of a dataset, as vLLM's"
            + " random dataset does: --input-len words each (nearly all single tokens), --output-len tokens each (ignore_eos),"
            + " adapters drawn by benchmark.adapter_distribution, seeded by benchmark.seed.")
    Integer synthetic;

    @Option(names = "--input-len", paramLabel = "L", defaultValue = "128", description = "With --synthetic: prompt length in tokens (default ${DEFAULT-VALUE}).")
    int inputLength;

    @Option(names = "--output-len", paramLabel = "M", defaultValue = "128", description = "With --synthetic: output tokens per request (default ${DEFAULT-VALUE}).")
    int outputLength;

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
        if (synthetic != null) {
            if (dataset != null) {
                System.err.println("error: --synthetic makes its own dataset; give it or --dataset, not both");
                return 2;
            }
            overrides.put(Setting.MAX_TOKENS.key(), Integer.toString(outputLength));
            overrides.put(Setting.IGNORE_EOS.key(), "true");
            overrides.put(Setting.RANDOM_ADAPTER_ASSIGNMENT.key(), "true");
        }
        ConfigLoader loader = common.loader();
        EffectiveConfig config;
        Path runDataset;
        try {
            config = common.load(loader, overrides);
            runDataset = datasetFor(config, overrides);
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        RunRequest request = new RunRequest(runDataset, config.source(), overrides, RunRequest.BENCH, config.path(Setting.OUTBOX));
        try (PipelineRuntime runtime = new PipelineRuntime(common.home(), loader, config, overrides, false)) {
            RunOutcome outcome = runtime.bench(request);
            if (json && outcome.folder() == null) {
                System.out.println(new ObjectMapper().writeValueAsString(Map.of("status", outcome.status().label(), "message", outcome.message())));
            } else if (json) {
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

    /**
     * The dataset to run: a synthetic one written to outbox/.datasets/, a ShareGPT file converted
     * there to JSONL (adapters then drawn at random: ShareGPT names none), or --dataset as given.
     */
    private Path datasetFor(EffectiveConfig config, Map<String, String> overrides) {
        Path generated = config.path(Setting.OUTBOX).resolve(".datasets");
        if (synthetic != null) {
            long seed = config.longValue(Setting.SEED);
            return new SyntheticDataset().write(generated.resolve("synthetic-" + synthetic + "x" + inputLength + "-seed" + seed + ".jsonl"),
                    synthetic, inputLength, seed);
        }
        Path source = dataset != null ? dataset : config.path(Setting.DATASET_PATH);
        if (source != null && ShareGptDataset.looksLikeShareGpt(source)) {
            overrides.put(Setting.RANDOM_ADAPTER_ASSIGNMENT.key(), "true");
            String name = source.getFileName().toString().replaceFirst("\\.json$", "");
            return new ShareGptDataset().convert(source, generated.resolve(name + ".jsonl"));
        }
        return dataset;
    }
}
