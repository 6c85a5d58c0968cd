package dev.multilora.cli;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterScanner;
import dev.multilora.config.ConfigException;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.server.ServerCommandLine;
import dev.multilora.server.ServerFailedException;
import dev.multilora.server.ServerLaunch;
import dev.multilora.server.ServerProbe;
import dev.multilora.server.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Starts the configured server (server.command with the flags `bench` would use) in the foreground,",
                "says when it is ready, and stops it on Ctrl-C. Its output goes to <outbox>/.server/server.log."})
final class ServerCommand implements Callable<Integer> {
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        EffectiveConfig config;
        try {
            config = common.load(common.loader(), Map.of());
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (config.string(Setting.SERVER_MODE).equals("external")) {
            System.err.println("error: server.mode is external in " + config.source() + ": there is no server to start");
            return 2;
        }
        ServerCommandLine commandLine = new ServerCommandLine();
        AdapterCatalog catalog = commandLine.registered(config.optionalPath(Setting.ADAPTERS_DIR)
                .map(dir -> new AdapterScanner().scan(dir, config.integer(Setting.MAX_LORA_RANK)))
                .orElse(AdapterCatalog.empty()), config.integer(Setting.LORA_COPIES));
        catalog.excluded().forEach(e -> System.out.println("adapter " + e.name() + " excluded: " + e.reason()));
        ServerLaunch launch = commandLine.build(config, catalog);
        ServerProbe probe = new ServerProbe();
        if (probe.isAnswering(launch.host(), launch.port())) {
            System.err.println("error: port " + launch.port() + " on " + launch.host() + " is already in use");
            return 1;
        }
        Path log = config.path(Setting.OUTBOX).resolve(".server").resolve("server.log");
        System.out.println("starting: " + String.join(" ", launch.argv()));
        System.out.println("log: " + log);
        ServerProcess process = ServerProcess.start(launch, log);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.stop(STOP_GRACE);
            stopped.countDown();
        }, "server-stop"));
        try {
            probe.awaitHealthy(launch.baseUrl(), launch.startupTimeout(), () -> process.exitCode().map(code ->
                    "the server exited with code " + code + " during start-up; last lines of its log:\n" + process.logTail()));
        } catch (ServerFailedException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        System.out.println("ready at " + launch.baseUrl() + " (pid " + process.pid() + "); Ctrl-C to stop");
        while (process.isAlive()) {
            process.awaitExit(Duration.ofSeconds(1));
        }
        if (stopped.getCount() == 1) {
            System.err.println("error: server exited with code " + process.exitCode().orElse(-1));
            return 1;
        }
        return 0;
    }
}
