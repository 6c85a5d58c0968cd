package dev.multilora.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: `bench` runs one dataset, `watch` benchmarks every dataset dropped into the inbox, `sweep` runs many points. */
@Command(name = "multilora-bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = "Benchmarks multi-LoRA serving on vLLM: JSONL prompts in; results.json, results.csv and report.html out.",
        footer = {"", "Configuration keys (config.yaml, MULTILORA_* variables, -D key=value): README.md, section Configuration."},
        subcommands = {BenchCommand.class, WatchCommand.class, ServerCommand.class, CompareCommand.class, SchedulesCommand.class, SweepCommand.class,
                BrokerCommand.class, WorkerCommand.class, WorkersCommand.class})
public final class MultiloraBench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new MultiloraBench()).execute(args));
    }
}
