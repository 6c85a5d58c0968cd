package dev.multilora.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operating-system lock on {@code <outbox>/.multilora.lock}, held for the length of one run, so a
 * `bench` and a `watch` never load the same server at the same time. The OS drops it if the process
 * dies, so a crash never leaves a stale lock behind.
 */
public final class RunLock implements AutoCloseable {
    private static final String FILE_NAME = ".multilora.lock";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns null when another process holds it. */
    public static RunLock tryAcquire(Path outbox, String holder) {
        Path file = outbox.resolve(FILE_NAME);
        try {
            Files.createDirectories(outbox);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = lockOrNull(channel);
            if (lock == null) {
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + " pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new RunAbortedException("cannot open the run lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Takes the lock, waiting while another run holds it: unattended work (`watch`) waits its turn. */
    public static RunLock awaitFree(Path outbox, String holder) throws InterruptedException {
        RunLock lock = tryAcquire(outbox, holder);
        if (lock == null) {
            LOG.info("waiting for the running benchmark ({}) to finish", holder(outbox));
        }
        while (lock == null) {
            Thread.sleep(POLL.toMillis());
            lock = tryAcquire(outbox, holder);
        }
        return lock;
    }

    /** Null when held by another process, or by another run in this one (which the JVM reports by throwing). */
    private static FileLock lockOrNull(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Who holds the lock, as its holder wrote it. */
    public static String holder(Path outbox) {
        try {
            return Files.readString(outbox.resolve(FILE_NAME), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "another process";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
