package dev.multilora.server;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterScanner;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.engine.ServedAdapters;
import dev.multilora.engine.ServingEngine;
import dev.multilora.engine.ServingEngines;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.RunRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the one server process this tool may run. Decides per run whether the server can be reused,
 * starts it when camel-exec asks ({@link ServerLauncher}), waits until it is really ready, hands
 * each run a {@link ServerSession}, copies the run's share of the server log into its folder, and
 * stops the process tree when a `bench` ends, when settings change, and when the JVM exits.
 */
public final class ServerSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSupervisor.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final ServerCommandLine commandLine = new ServerCommandLine();
    private final ServerProbe probe = new ServerProbe();
    private final Path logFile;
    private ServerLaunch pending;
    private ServerLaunch currentLaunch;
    private ServerProcess current;
    private ServedAdapters currentServed;
    private List<String> currentIgnoredArguments = List.of();
    private long startOffset;

    public ServerSupervisor(Path logFile) {
        this.logFile = logFile;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "server-stop"));
    }

    /**
     * Readies the server for a run. Returns what camel-exec must launch, or null when a running
     * server (reused, or external) will do.
     */
    public synchronized ServerLaunch prepare(BenchmarkRun run) throws InterruptedException {
        EffectiveConfig config = run.config();
        if (config.string(Setting.SERVER_MODE).equals("external")) {
            ServingEngine engine = ServingEngines.checked(config);
            for (String url : run.serverUrls()) {
                probe.awaitHealthy(url, engine, startupTimeout(config),
                        () -> run.interruptedBecause().map(signal -> "interrupted (" + signal + ") while waiting for the server"),
                        Optional::empty);
            }
            Listing first = listing(run, engine, run.serverUrls().get(0));
            ServedAdapters served = first.served();
            for (String other : run.serverUrls().subList(1, run.serverUrls().size())) {
                ServedAdapters alike = listing(run, engine, other).served();
                if (!alike.paths().keySet().equals(served.paths().keySet()) || !alike.ids().equals(served.ids())) {
                    throw new ServerFailedException("the servers of server.urls do not serve the same adapters: "
                            + run.serverUrls().get(0) + " serves " + describe(served) + ", " + other + " serves " + describe(alike)
                            + "; a fleet's requests go to any of them");
                }
            }
            if (engine.listing() == ServingEngine.AdapterListing.NONE) {
                LOG.info("{} lists no adapters anywhere: the adapters of lora.adapters_dir ({}) are taken as served;"
                        + " an adapter it does not serve would silently run the base model", engine.displayName(), run.catalog().adapters().size());
            }
            run.adoptCatalog(first.catalog());
            run.attachServer(ServerSession.external(served));
            return null;
        }
        ServerLaunch launch = commandLine.build(config, run.catalog());
        boolean reusable = current != null && current.isAlive() && launch.sameServerAs(currentLaunch)
                && config.flag(Setting.SERVER_KEEP_ALIVE);
        if (reusable) {
            LOG.info("reusing the running server (pid {})", current.pid());
            run.attachServer(new ServerSession("managed", false, current, logSize(), currentServed, currentIgnoredArguments));
            return null;
        }
        stop();
        refuseTakenPort(launch);
        pending = launch;
        return launch;
    }

    /** For the `server` command: starts the launch in the background and returns once it is ready. */
    public synchronized ServerProcess start(ServerLaunch launch) throws IOException, InterruptedException {
        refuseTakenPort(launch);
        pending = launch;
        return launch(launch.argv());
    }

    private void refuseTakenPort(ServerLaunch launch) {
        if (probe.isAnswering(launch.host(), launch.port())) {
            throw new ServerFailedException("port " + launch.port() + " on " + launch.host() + " is already in use:"
                    + " another server there would be measured instead; stop it or set server.port");
        }
    }

    /** Called through camel-exec: starts the pending launch and returns once the server is ready. */
    public synchronized ServerProcess launch(List<String> argv) throws IOException, InterruptedException {
        ServerLaunch launch = pending;
        if (launch == null || !launch.argv().equals(argv)) {
            throw new IllegalStateException("camel-exec asked to launch a command the supervisor did not prepare");
        }
        pending = null;
        long offset = logSize();
        LOG.info("starting the server: {}", launch.describe());
        ServerProcess process = ServerProcess.start(launch, logFile, offset);
        try {
            probe.awaitHealthy(launch.baseUrl(), launch.engine(), launch.startupTimeout(), () -> process.exitCode().map(code ->
                    "the server exited with code " + code + " during start-up; last lines of its log:\n" + process.logTail()),
                    process::lastLogLine);
            currentServed = checkAdapters(launch, process);
            currentIgnoredArguments = probe.standInIgnoredArguments(launch.baseUrl());
            if (!currentIgnoredArguments.isEmpty()) {
                LOG.warn("the server accepted these arguments without knowing them: {}; a real {} may refuse them",
                        String.join(" ", currentIgnoredArguments), launch.engine().displayName());
            }
        } catch (RuntimeException | InterruptedException e) {
            process.stop(STOP_GRACE);
            throw e;
        }
        LOG.info("server ready at {} (pid {})", launch.baseUrl(), process.pid());
        current = process;
        currentLaunch = launch;
        startOffset = offset;
        return process;
    }

    /** Hands the run the server started by {@link #launch}. */
    public synchronized void attachFresh(BenchmarkRun run) {
        run.attachServer(new ServerSession("managed", true, current, startOffset, currentServed, currentIgnoredArguments));
    }

    /** After a run: its share of the server log into the run folder; then stop if the run asks. */
    public synchronized void finish(BenchmarkRun run, String trigger) {
        ServerSession session = run == null ? null : run.server();
        if (session == null || session.process() == null) {
            return;
        }
        session.deathNotice().ifPresent(run::recordServerFailure);
        copyLog(session.logOffset(), run.folder().partial().resolve("server.log"),
                Redaction.of(currentLaunch == null ? null : currentLaunch.secret()));
        if (RunRequest.BENCH.equals(trigger) || !run.config().flag(Setting.SERVER_KEEP_ALIVE) || !current.isAlive()) {
            stop();
        }
    }

    public synchronized Optional<String> serverVersion(BenchmarkRun run) throws InterruptedException {
        return probe.version(run.baseUrl(), ServingEngines.of(run.config()), run.config().optionalString(Setting.SERVER_API_KEY));
    }

    public synchronized void stop() {
        if (current != null) {
            LOG.info("stopping the server (pid {})", current.pid());
            current.stop(STOP_GRACE);
            current = null;
            currentLaunch = null;
        }
    }

    /**
     * Checks that the server serves each adapter it was started with, from where it was told, where
     * its engine lists them; returns how requests must name them.
     */
    private ServedAdapters checkAdapters(ServerLaunch launch, ServerProcess process) throws InterruptedException {
        ServingEngine engine = launch.engine();
        Optional<String> apiKey = Optional.ofNullable(launch.secret() != null ? launch.secret()
                : engine.apiKeyPassing().environmentVariable() == null ? null
                : launch.environment().get(engine.apiKeyPassing().environmentVariable()));
        String baseModel = launch.baseModel();
        Map<String, String> served = new LinkedHashMap<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        switch (engine.listing()) {
            case MODEL_CARDS -> probe.models(launch.baseUrl(), apiKey).stream().filter(ModelCard::isAdapter)
                    .forEach(card -> served.putIfAbsent(card.id(), String.valueOf(card.root())));
            case LORA_ADAPTER_IDS -> {
                Map<String, Integer> idByPath = new LinkedHashMap<>();
                probe.loraAdapters(launch.baseUrl(), apiKey).forEach(entry -> idByPath.putIfAbsent(entry.path(), entry.id()));
                launch.expectedAdapters().forEach((name, path) -> {
                    if (idByPath.containsKey(path)) {
                        served.put(name, path);
                        ids.put(name, idByPath.get(path));
                    }
                });
            }
            case NONE -> {
                LOG.info("{} lists no adapters anywhere: its launch list ({}) is taken as served", engine.displayName(),
                        launch.expectedAdapters().size());
                served.putAll(launch.expectedAdapters());
            }
        }
        List<String> problems = new ArrayList<>();
        launch.expectedAdapters().forEach((name, path) -> {
            if (!served.containsKey(name)) {
                problems.add(name + " is not listed");
            } else if (!served.get(name).equals(path)) {
                problems.add(name + " is served from " + served.get(name) + ", expected " + path);
            }
        });
        if (!problems.isEmpty()) {
            throw new ServerFailedException("the server's " + (engine.listing() == ServingEngine.AdapterListing.MODEL_CARDS
                    ? "/v1/models" : "/lora-adapters") + " does not match the adapters it was started with: "
                    + String.join("; ", problems) + " (pid " + process.pid() + ")");
        }
        return new ServedAdapters(baseModel, launch.expectedAdapters(), ids);
    }

    /** What an external server serves: its adapters as it lists them (the run's own catalog where it lists none), and how requests name them. */
    private record Listing(AdapterCatalog catalog, ServedAdapters served) {
    }

    private Listing listing(BenchmarkRun run, ServingEngine engine, String url) throws InterruptedException {
        Optional<String> apiKey = run.config().optionalString(Setting.SERVER_API_KEY);
        String baseModel = run.config().string(Setting.MODEL_NAME);
        switch (engine.listing()) {
            case MODEL_CARDS -> {
                List<Adapter> adapters = probe.models(url, apiKey).stream()
                        .filter(ModelCard::isAdapter)
                        .map(card -> new Adapter(card.id(), Path.of(card.root() == null ? card.id() : card.root()), 0))
                        .sorted(Comparator.comparing(Adapter::name))
                        .toList();
                AdapterCatalog catalog = new AdapterCatalog(adapters, List.of());
                return new Listing(catalog, ServedAdapters.of(baseModel, catalog));
            }
            case LORA_ADAPTER_IDS -> {
                List<Adapter> adapters = new ArrayList<>();
                Map<String, Integer> ids = new LinkedHashMap<>();
                for (ServerProbe.LoraAdapterEntry entry : probe.loraAdapters(url, apiKey)) {
                    String name = AdapterScanner.ggufName(Path.of(entry.path()));
                    if (ids.putIfAbsent(name, entry.id()) != null) {
                        throw new ServerFailedException("the server's /lora-adapters lists two adapters named " + name
                                + " (ids " + ids.get(name) + " and " + entry.id() + "): adapters are named by their file name");
                    }
                    adapters.add(new Adapter(name, Path.of(entry.path()), 0));
                }
                AdapterCatalog catalog = new AdapterCatalog(adapters, List.of());
                return new Listing(catalog, ServedAdapters.withIds(baseModel, catalog, ids));
            }
            default -> {
                return new Listing(run.catalog(), ServedAdapters.of(baseModel, run.catalog()));
            }
        }
    }

    private static String describe(ServedAdapters served) {
        return served.ids().isEmpty() ? served.paths().keySet().toString() : served.ids().toString();
    }

    private static Duration startupTimeout(EffectiveConfig config) {
        return Duration.ofMillis(Math.round(config.decimal(Setting.SERVER_STARTUP_TIMEOUT_S) * 1000));
    }

    private long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void copyLog(long from, Path to, Redaction redaction) {
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(Math.min(from, Files.size(logFile)));
            Files.writeString(to, redaction.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot copy the server log to {}: {}", to, e.getMessage());
        }
    }
}
