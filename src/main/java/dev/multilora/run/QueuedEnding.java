package dev.multilora.run;

/**
 * How something the run queue took (a run, a sweep) ended, as far as the inbox needs to know to
 * file the dropped file it came from: completed, handed to the work queue, interrupted (to run
 * again), or none of those (failed).
 */
public interface QueuedEnding {
    boolean isCompleted();

    /** On the work queue for a worker (routes/work.camel.yaml): this process is done with it. */
    boolean isSubmitted();

    boolean isInterrupted();
}
