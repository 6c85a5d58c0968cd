package dev.multilora.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running server process that this tool started. Its output goes to a log file (never memory);
 * stopping sends SIGTERM to the whole process tree, waits, then kills what is left.
 */
public final class ServerProcess {
    private static final int LOG_TAIL_LINES = 20;

    private final Process process;
    private final Path logFile;
    /** Where this launch's output starts in the log, which keeps every earlier launch's too. */
    private final long logStart;
    private final String secret;
    private volatile boolean stoppedByUs;

    private ServerProcess(Process process, Path logFile, long logStart, String secret) {
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
        this.secret = secret;
    }

    /** @param logStart where this launch's output will start in the log: its size now */
    public static ServerProcess start(ServerLaunch launch, Path logFile, long logStart) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(launch.argv())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(launch.environment());
        return new ServerProcess(builder.start(), logFile, logStart, launch.secret());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Waits until the process ends and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Waits up to {@code patience} for the process to end; true when it has. */
    public boolean awaitExit(Duration patience) throws InterruptedException {
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Path logFile() {
        return logFile;
    }

    /** The last non-blank line this launch wrote to its log, if any. */
    public Optional<String> lastLogLine() {
        return logTail().lines().filter(line -> !line.isBlank()).reduce((first, second) -> second);
    }

    /** The last lines this launch wrote to the server's log, for error reports; its API key redacted. */
    public String logTail() {
        try (SeekableByteChannel log = Files.newByteChannel(logFile);
             Stream<String> lines = new BufferedReader(new InputStreamReader(
                     Channels.newInputStream(log.position(Math.min(logStart, log.size()))), StandardCharsets.UTF_8)).lines()) {
            Deque<String> tail = new ArrayDeque<>();
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
            });
            return Redaction.of(secret).apply(String.join("\n", tail));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** True once {@link #stop} was called: its exit is then this tool's doing, not a crash. */
    public boolean wasStoppedByUs() {
        return stoppedByUs;
    }

    /** SIGTERM to the process and its descendants, {@code grace} to exit, then SIGKILL. */
    public void stop(Duration grace) {
        stoppedByUs = true;
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
