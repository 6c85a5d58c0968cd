package dev.multilora.cli;

import dev.multilora.config.ConfigException;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.report.ComparisonReport;
import dev.multilora.report.compare.ComparedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "Configuration keys: README.md, section Configuration; -D key=value sets any of them."},
        description = {"Puts runs side by side in comparison.html and comparison.json.",
                "The same figures for each run, overall and per adapter, with changes against the first run; TTFT and E2EL"
                        + " distributions overlaid; the configuration keys that differ. A RUN is a run folder, or its name in"
                        + " paths.outbox. Exit status: 0 written; 2 a RUN is not a run folder with results."})
final class CompareCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Mixin
    CommonOptions common;

    @Parameters(arity = "2..*", paramLabel = "RUN", description = "Run folders, the baseline first.")
    List<String> runs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write; default: paths.outbox/compare-<time>/.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path outbox;
        try {
            EffectiveConfig config = common.load(common.loader(), Map.of());
            outbox = config.path(Setting.OUTBOX);
        } catch (ConfigException e) {
            // Run folders given as paths need no config; only names do, and they then resolve against ./outbox.
            outbox = Path.of("outbox").toAbsolutePath();
            System.err.println("note: the config cannot be read (" + e.getMessage() + "); run names resolve against " + outbox);
        }
        List<ComparedRun> loaded = new ArrayList<>();
        try {
            for (String run : runs) {
                Path folder = Files.isDirectory(Path.of(run)) ? Path.of(run) : outbox.resolve(run);
                loaded.add(ComparedRun.load(folder.toAbsolutePath().normalize()));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Path folder = out != null ? out : outbox.resolve("compare-" + STAMP.format(LocalDateTime.now()));
        new ComparisonReport().write(loaded, folder);
        System.out.println("comparison " + folder.resolve(ComparisonReport.PAGE));
        return 0;
    }
}
