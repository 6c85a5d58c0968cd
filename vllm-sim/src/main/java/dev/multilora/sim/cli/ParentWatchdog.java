package dev.multilora.sim.cli;

import java.util.Optional;

/**
 * Exits the server when the process that started it goes away, so a crashed benchmark never
 * leaves an orphaned stand-in holding its port.
 */
public final class ParentWatchdog {

    private static final long POLL_MILLIS = 250;

    private ParentWatchdog() {
    }

    /**
     * The launcher passes its caller's pid in {@value #PARENT_PID_PROPERTY}: a parent that dies
     * while the JVM is still starting is then noticed too.
     */
    public static final String PARENT_PID_PROPERTY = "vllm.sim.parent.pid";

    public static void start(Runnable onOrphaned) {
        Optional<Long> parent = Optional.ofNullable(System.getProperty(PARENT_PID_PROPERTY))
                .map(Long::parseLong)
                .or(() -> ProcessHandle.current().parent().map(ProcessHandle::pid));
        if (parent.isEmpty()) {
            return;
        }
        long parentPid = parent.get();
        Thread watchdog = new Thread(() -> {
            while (stillChildOf(parentPid)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            onOrphaned.run();
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Re-parenting (to init or a subreaper) is how Linux reports that the parent died. */
    private static boolean stillChildOf(long parentPid) {
        return ProcessHandle.current().parent()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .filter(pid -> pid == parentPid)
                .isPresent();
    }
}
