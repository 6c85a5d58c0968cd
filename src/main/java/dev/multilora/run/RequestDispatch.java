package dev.multilora.run;

import dev.multilora.adapter.AdapterEnricher;
import dev.multilora.client.InFlightSlots;
import dev.multilora.config.Setting;
import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A phase's plan as its request workers take it, as vLLM's benchmark loop hands out requests: in
 * plan order, each only once it is due, each sent by a worker that is free, so `concurrency`
 * workers keep exactly `concurrency` requests in flight whenever that many are due, and a request
 * waiting for its time holds no slot. A worker that ends a request takes the next itself: no
 * dispatcher thread stands between a freed slot and the next send, and no task is queued per
 * request. Requests leave in plan order (each written only once the one before it is on the wire:
 * {@link SendTurn}); a closed loop's first `concurrency` go out together ({@link FirstBurst}).
 * Requests that are not to be sent (invalid line, unknown adapter, stopped run,
 * dead server) are handed out at once, without a slot, to be recorded as such.
 * <p>
 * Slot wait is the time a request was due while every slot was held by a request in flight: from
 * its due time until the end of the request whose slot it then took. Whatever passed after that
 * (the worker recording what it had finished, taking this one, building and writing it) is the
 * client's own, reported as scheduler slip.
 */
public final class RequestDispatch {
    /** How often a request waiting for its time looks at the server and the stop conditions. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The error of requests left unsent when a stop condition ended the run early. */
    public static final String NOT_SENT = "not sent: the run stopped early: ";
    /** A worker that has ended no request yet (or whose last one held no slot) was free before anything was due. */
    public static final long FREE_ALL_ALONG = Long.MIN_VALUE;

    private final List<PlannedRequest> plan;
    private final BenchmarkRun run;
    private final boolean measured;
    private final AdapterEnricher adapters;
    private final Consumer<RequestRecord> recording;
    private final String baseModel;
    private final InFlightSlots slots;
    /** Fair, so free workers take requests in the order they came for them. */
    private final ReentrantLock taking = new ReentrantLock(true);
    private final Set<String> adaptersSent = new HashSet<>();
    /** A measured closed loop's first requests, gathered to go out together; null otherwise, and once it has all it holds. */
    private FirstBurst burst;
    /** The turn on the wire of the request sent last; null before the first. */
    private SendTurn lastTurn;
    private int next;
    private volatile RuntimeException abandoned;

    private RequestDispatch(List<PlannedRequest> plan, BenchmarkRun run, boolean measured, AdapterEnricher adapters,
                            Consumer<RequestRecord> recording) {
        this.plan = plan;
        this.run = run;
        this.measured = measured;
        this.adapters = adapters;
        this.recording = recording;
        this.baseModel = run.config().string(Setting.MODEL_NAME);
        this.slots = run.slots();
        boolean closedLoop = run.config().optionalDecimal(Setting.REQUEST_RATE).isEmpty();
        this.burst = measured && closedLoop && !plan.isEmpty() ? new FirstBurst(workers().size(), run::startRequestClock) : null;
    }

    /** The measured requests of a run, in plan order, each at its scheduled time; each finished record goes to {@code recording}. */
    public static RequestDispatch measured(List<PlannedRequest> plan, BenchmarkRun run, AdapterEnricher adapters,
                                           Consumer<RequestRecord> recording) {
        return new RequestDispatch(plan, run, true, adapters, recording);
    }

    /** Requests sent before measuring: in order, as fast as the slots allow, never stopped by the measured run's stop conditions. */
    public static RequestDispatch unmeasured(List<PlannedRequest> plan, BenchmarkRun run, AdapterEnricher adapters,
                                             Consumer<RequestRecord> recording) {
        return new RequestDispatch(plan, run, false, adapters, recording);
    }

    /** The phase's workers, one per slot: `concurrency` of them, or fewer when the plan is shorter. */
    public List<Integer> workers() {
        return IntStream.rangeClosed(1, Math.min(run.config().integer(Setting.CONCURRENCY), plan.size())).boxed().toList();
    }

    /**
     * The next request of the plan for a worker that is free, once it is due; null when the plan is done.
     *
     * @param freeSinceNanos when the worker's last request ended and freed its slot, or {@link #FREE_ALL_ALONG}
     */
    public Dispatch take(long freeSinceNanos) {
        try {
            taking.lockInterruptibly();
            try {
                return abandoned == null && next < plan.size() ? dispatch(plan.get(next++), freeSinceNanos) : null;
            } finally {
                if (burst != null && (next == plan.size() || abandoned != null)) {
                    burst.complete();
                }
                taking.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunAbortedException("interrupted while dispatching requests");
        }
    }

    /**
     * A worker failed outside any request (its record could not be written, say): the phase cannot
     * go on, so the other workers take nothing more and the failure ends the run.
     */
    public void abandon(RuntimeException failure) {
        abandoned = failure;
    }

    /** A request of the phase ended as this record. */
    public void recorded(RequestRecord record) {
        recording.accept(record);
    }

    private Dispatch dispatch(PlannedRequest planned, long freeSinceNanos) throws InterruptedException {
        if (!planned.isSendable()) {
            return Dispatch.unsent(planned, measured, RequestOutcome.INVALID_LINE, planned.problem());
        }
        PlannedRequest request = adapters.enrich(planned, run);
        if (!request.isSendable()) {
            return Dispatch.unsent(request, measured, RequestOutcome.UNKNOWN_ADAPTER, request.problem());
        }
        Double offset = request.scheduledOffsetSeconds();
        long due = offset == null ? System.nanoTime() : run.requestPhaseStartNanos() + (long) Math.ceil(offset * 1e9);
        awaitDue(due);
        Dispatch settled = settledWithoutSending(request);
        if (settled != null) {
            return settled;
        }
        // The worker's own request has ended and freed its slot: this never waits.
        slots.acquire();
        long slotWait = offset == null || freeSinceNanos == FREE_ALL_ALONG ? 0 : Math.max(0, freeSinceNanos - due);
        boolean first = measured && !request.adapterName().equals(baseModel) && adaptersSent.add(request.adapterName());
        lastTurn = lastTurn != null ? lastTurn.next(burst) : burst != null ? SendTurn.first(burst) : SendTurn.first();
        if (burst != null && !burst.gathering()) {
            burst = null;
        }
        return Dispatch.toSend(request, measured, slotWait, first, lastTurn);
    }

    private void awaitDue(long due) throws InterruptedException {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            if (run.serverGone().isPresent() || run.interruptedBecause().isPresent() || (measured && run.stopReason().isPresent())) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, CHECK_NANOS));
        }
    }

    /** An interruption or a stop condition leaves the request unsent; a dead or vanished server fails it at once. */
    private Dispatch settledWithoutSending(PlannedRequest request) {
        var interruption = run.interruptedBecause();
        if (interruption.isPresent()) {
            return Dispatch.interrupted(request, measured, interruption.get());
        }
        var death = run.serverGone();
        if (death.isPresent()) {
            return Dispatch.unsent(request, measured, RequestOutcome.FAILED, death.get());
        }
        if (measured) {
            var stop = run.stopReason();
            if (stop.isPresent()) {
                return Dispatch.unsent(request, measured, RequestOutcome.NOT_SENT, NOT_SENT + stop.get());
            }
        }
        return null;
    }
}
