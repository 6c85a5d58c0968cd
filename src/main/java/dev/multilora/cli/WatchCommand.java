package dev.multilora.cli;

import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "Configuration keys: README.md, section Configuration; -D key=value sets any of them."},
        description = {"Benchmarks every *.jsonl dropped into paths.inbox, and the config's schedules when they fire, one run"
                + " at a time in arrival order, until stopped.",
                "A finished dataset moves to inbox/.done/, one that could not run to inbox/.failed/ with error.txt in"
                        + " its run folder. The config file is re-read for every dataset. Files named .* or *.tmp/*.part are"
                        + " left alone.",
                "With work.broker_url set, each run goes to the work queue instead, for a `worker` to run, and the"
                        + " workers' results are collected into paths.outbox and its runs.jsonl."})
final class WatchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        ConfigLoader loader = common.loader();
        EffectiveConfig config;
        try {
            config = common.load(loader, Map.of());
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        System.out.println("watching " + config.path(Setting.INBOX) + " (results in " + config.path(Setting.OUTBOX)
                + config.optionalString(Setting.WORK_BROKER_URL).map(url -> "; runs go to the workers at " + url).orElse("")
                + "); Ctrl-C to stop");
        try (PipelineRuntime runtime = new PipelineRuntime(common.home(), loader, config, Map.of(), true)) {
            runtime.watchUntilStopped();
            return runtime.interruptions().exitCode().orElse(0);
        }
    }
}
