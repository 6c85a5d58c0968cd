package dev.multilora.cli;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.engine.ServingEngines;
import dev.multilora.server.ServerCommandLine;
import dev.multilora.server.ServerFailedException;
import dev.multilora.server.ServerLaunch;
import dev.multilora.server.ServerProcess;
import dev.multilora.server.ServerSupervisor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "Configuration keys: README.md, section Configuration; -D key=value sets any of them."},
        description = {"Starts the configured server in the foreground and stops it on Ctrl-C.",
                "The command line is server.command with exactly the flags `bench` would use; it says when the server is ready."
                        + " The server's output goes to <outbox>/.server/server.log."})
final class ServerCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Optional<EffectiveConfig> loaded = common.loadOrSay(Map.of());
        if (loaded.isEmpty()) {
            return 2;
        }
        EffectiveConfig config = loaded.get();
        if (config.string(Setting.SERVER_MODE).equals("external")) {
            System.err.println("error: server.mode is external in " + config.source() + ": there is no server to start");
            return 2;
        }
        ServerCommandLine commandLine = new ServerCommandLine();
        AdapterCatalog catalog = commandLine.registered(config.optionalPath(Setting.ADAPTERS_DIR)
                .map(dir -> ServingEngines.of(config).scanAdapters(dir, config.integer(Setting.MAX_LORA_RANK)))
                .orElse(AdapterCatalog.empty()), config.integer(Setting.LORA_COPIES));
        catalog.excluded().forEach(e -> System.out.println("adapter " + e.name() + " excluded: " + e.reason()));
        ServerLaunch launch = commandLine.build(config, catalog);
        ServerSupervisor supervisor = new ServerSupervisor(config.path(Setting.OUTBOX).resolve(".server").resolve("server.log"));
        System.out.println("starting: " + launch.describe());
        ServerProcess process;
        try {
            process = supervisor.start(launch);
        } catch (ServerFailedException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        System.out.println("log: " + process.logFile());
        System.out.println("ready at " + launch.baseUrl() + " (pid " + process.pid() + "); Ctrl-C to stop");
        int exitCode = process.awaitExit();
        if (!process.wasStoppedByUs()) {
            System.err.println("error: server exited with code " + exitCode);
            return 1;
        }
        return 0;
    }
}
