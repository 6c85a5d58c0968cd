package dev.multilora.run;

/**
 * How something the run queue took (a run, a sweep) ended, as far as the inbox needs to know to
 * file the dropped file it came from: completed, interrupted (to run again), or neither (failed).
 */
public interface QueuedEnding {
    boolean isCompleted();

    boolean isInterrupted();
}
