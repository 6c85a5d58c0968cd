package dev.multilora.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: `bench` runs one dataset, `watch` benchmarks every dataset dropped into the inbox. */
@Command(name = "multilora-bench", mixinStandardHelpOptions = true, version = "multilora-bench 0.1.0",
        description = "Benchmarks multi-LoRA serving on vLLM: JSONL prompts in, results.json/results.csv out.",
        subcommands = {BenchCommand.class, WatchCommand.class, ServerCommand.class, SchedulesCommand.class})
public final class MultiloraBench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new MultiloraBench()).execute(args));
    }
}
