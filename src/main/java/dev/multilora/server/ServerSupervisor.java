package dev.multilora.server;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.RunRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
            probe.awaitHealthy(run.baseUrl(), startupTimeout(config),
                    () -> run.interruptedBecause().map(signal -> "interrupted (" + signal + ") while waiting for the server"),
                    Optional::empty);
            run.adoptCatalog(catalogFromServer(run));
            run.attachServer(ServerSession.external());
            return null;
        }
        ServerLaunch launch = commandLine.build(config, run.catalog());
        boolean reusable = current != null && current.isAlive() && launch.sameServerAs(currentLaunch)
                && config.flag(Setting.SERVER_KEEP_ALIVE);
        if (reusable) {
            LOG.info("reusing the running server (pid {})", current.pid());
            run.attachServer(new ServerSession("managed", false, current, logSize()));
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
        LOG.info("starting the server: {}", String.join(" ", argv));
        ServerProcess process = ServerProcess.start(launch, logFile, offset);
        try {
            probe.awaitHealthy(launch.baseUrl(), launch.startupTimeout(), () -> process.exitCode().map(code ->
                    "the server exited with code " + code + " during start-up; last lines of its log:\n" + process.logTail()),
                    process::lastLogLine);
            checkAdapters(launch, process);
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
        run.attachServer(new ServerSession("managed", true, current, startOffset));
    }

    /** After a run: its share of the server log into the run folder; then stop if the run asks. */
    public synchronized void finish(BenchmarkRun run, String trigger) {
        ServerSession session = run == null ? null : run.server();
        if (session == null || session.process() == null) {
            return;
        }
        session.deathNotice().ifPresent(run::recordServerFailure);
        copyLog(session.logOffset(), run.folder().partial().resolve("server.log"));
        if (RunRequest.BENCH.equals(trigger) || !run.config().flag(Setting.SERVER_KEEP_ALIVE) || !current.isAlive()) {
            stop();
        }
    }

    public synchronized Optional<String> serverVersion(BenchmarkRun run) throws InterruptedException {
        return probe.version(run.baseUrl());
    }

    public synchronized void stop() {
        if (current != null) {
            LOG.info("stopping the server (pid {})", current.pid());
            current.stop(STOP_GRACE);
            current = null;
            currentLaunch = null;
        }
    }

    private void checkAdapters(ServerLaunch launch, ServerProcess process) throws InterruptedException {
        Map<String, String> served = probe.models(launch.baseUrl(), Optional.ofNullable(launch.environment()
                        .get(ServerCommandLine.API_KEY_VARIABLE))).stream().filter(ModelCard::isAdapter)
                .collect(Collectors.toMap(ModelCard::id, c -> String.valueOf(c.root()), (a, b) -> a));
        List<String> problems = new ArrayList<>();
        launch.expectedAdapters().forEach((name, path) -> {
            if (!served.containsKey(name)) {
                problems.add(name + " is not listed");
            } else if (!served.get(name).equals(path)) {
                problems.add(name + " is served from " + served.get(name) + ", expected " + path);
            }
        });
        if (!problems.isEmpty()) {
            throw new ServerFailedException("the server's /v1/models does not match the adapters it was started with: "
                    + String.join("; ", problems) + " (pid " + process.pid() + ")");
        }
    }

    private AdapterCatalog catalogFromServer(BenchmarkRun run) throws InterruptedException {
        List<Adapter> adapters = probe.models(run.baseUrl(), run.config().optionalString(Setting.SERVER_API_KEY)).stream()
                .filter(ModelCard::isAdapter)
                .map(card -> new Adapter(card.id(), Path.of(card.root() == null ? card.id() : card.root()), 0))
                .sorted(java.util.Comparator.comparing(Adapter::name))
                .toList();
        return new AdapterCatalog(adapters, List.of());
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

    private void copyLog(long from, Path to) {
        try (InputStream in = Files.newInputStream(logFile); OutputStream out = Files.newOutputStream(to)) {
            in.skipNBytes(Math.min(from, Files.size(logFile)));
            in.transferTo(out);
        } catch (IOException e) {
            LOG.warn("cannot copy the server log to {}: {}", to, e.getMessage());
        }
    }
}
