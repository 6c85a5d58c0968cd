package dev.multilora.run;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps requests in plan order on the wire, not only out of the dispatcher: each request's worker
 * passes the turn once the request's body is flushed to its connection, and the dispatcher hands out
 * the next request only then.
 * Without it, a request whose worker thread is slow to start (a new thread, a cold JVM) is overtaken
 * by the next one, and requests released together (a closed loop's first `concurrency` ones) reach
 * the server shuffled, as vLLM's single-threaded client never sends them.
 */
final class SendTurn {
    private final Semaphore next;
    private final AtomicBoolean passed = new AtomicBoolean();

    SendTurn(Semaphore next) {
        this.next = next;
    }

    /** Idempotent: passed once the body is written, and again when the request ends in case it failed before that. */
    void pass() {
        if (passed.compareAndSet(false, true)) {
            next.release();
        }
    }
}
