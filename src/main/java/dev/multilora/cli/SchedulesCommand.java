package dev.multilora.cli;

import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Schedule;
import dev.multilora.schedule.FireTimes;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "schedules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "Configuration keys: README.md, section Configuration; -D key=value sets any of them."},
        description = {"Lists the config's schedules (which `watch` runs): each one's cron, time zone, dataset, overrides and"
                + " next fire times.",
                "Exit status: 0 the config is valid; 2 bad usage or configuration (the error names the schedule and key)."})
final class SchedulesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--next", paramLabel = "N", defaultValue = "3", description = "Fire times to show per schedule (default: ${DEFAULT-VALUE}).")
    int next;

    @Override
    public Integer call() {
        if (next < 1) {
            System.err.println("error: --next must be at least 1");
            return 2;
        }
        Optional<EffectiveConfig> config = common.loadOrSay(Map.of());
        if (config.isEmpty()) {
            return 2;
        }
        print(config.get(), Instant.now(), System.out);
        return 0;
    }

    private void print(EffectiveConfig config, Instant now, PrintStream out) {
        if (config.schedules().isEmpty()) {
            out.println("no schedules in " + config.source());
            return;
        }
        for (Schedule schedule : config.schedules()) {
            out.println(schedule.name());
            out.println("  cron      " + schedule.cron() + " (" + schedule.timeZone() + ")");
            out.println("  dataset   " + schedule.dataset());
            if (!schedule.overrides().isEmpty()) {
                out.println("  overrides " + schedule.overrides().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            }
            List<ZonedDateTime> times = FireTimes.next(schedule, now, next);
            out.println("  next      " + (times.isEmpty() ? "never (the cron has no time after now)"
                    : times.stream().map(ZonedDateTime::toOffsetDateTime).map(Object::toString).collect(Collectors.joining(", "))));
        }
    }
}
