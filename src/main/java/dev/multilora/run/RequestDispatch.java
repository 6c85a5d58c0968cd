package dev.multilora.run;

import dev.multilora.adapter.AdapterEnricher;
import dev.multilora.client.InFlightSlots;
import dev.multilora.config.Setting;
import dev.multilora.metrics.RequestOutcome;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The request split's iterator, and so its dispatcher: it hands out the plan in order, each
 * request only once it is due and holds an in-flight slot, as vLLM's benchmark loop does. The
 * split's workers therefore never hold a request that cannot be sent yet, requests leave in plan
 * order (each written only once the one before it is on the wire: {@link SendTurn}), and
 * exactly `concurrency` are in flight whenever that many are due. A request waiting for its time
 * holds no slot. Requests that are not to be sent (invalid line, unknown adapter, stopped
 * run, dead server) are handed out at once, without a slot, to be recorded as such.
 * <p>
 * Slot wait: in a closed loop every request is due at once and waits for a slot by design, so all
 * of its wait until it holds one is slot wait. On a schedule, only the time the dispatcher was
 * blocked on a full gate since the request was due is: a dispatcher too slow for the rate, with
 * slots free, shows as scheduler slip, the client's own lateness.
 */
public final class RequestDispatch implements Iterator<Dispatch> {
    /** How often a request waiting for its time looks at the server and the stop conditions. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The error of requests left unsent when a stop condition ended the run early. */
    public static final String NOT_SENT = "not sent: the run stopped early: ";

    private final List<PlannedRequest> plan;
    private final BenchmarkRun run;
    private final boolean measured;
    private final AdapterEnricher adapters;
    private final String baseModel;
    private final InFlightSlots slots;
    private final boolean closedLoop;
    private final GateBlockedTime blocked = new GateBlockedTime();
    private final Set<String> adaptersSent = new HashSet<>();
    /** The turn on the wire of the request sent last; null before the first. */
    private SendTurn lastTurn;
    private int next;

    private RequestDispatch(List<PlannedRequest> plan, BenchmarkRun run, boolean measured, AdapterEnricher adapters) {
        this.plan = plan;
        this.run = run;
        this.measured = measured;
        this.adapters = adapters;
        this.baseModel = run.config().string(Setting.MODEL_NAME);
        this.slots = run.slots();
        this.closedLoop = run.config().optionalDecimal(Setting.REQUEST_RATE).isEmpty();
    }

    /** The measured requests of a run, in plan order, each at its scheduled time. */
    public static RequestDispatch measured(List<PlannedRequest> plan, BenchmarkRun run, AdapterEnricher adapters) {
        return new RequestDispatch(plan, run, true, adapters);
    }

    /** Requests sent before measuring: in order, as fast as the slots allow, never stopped by the measured run's stop conditions. */
    public static RequestDispatch unmeasured(List<PlannedRequest> plan, BenchmarkRun run, AdapterEnricher adapters) {
        return new RequestDispatch(plan, run, false, adapters);
    }

    @Override
    public boolean hasNext() {
        return next < plan.size();
    }

    @Override
    public Dispatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            return dispatch(plan.get(next++));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunAbortedException("interrupted while dispatching requests");
        }
    }

    private Dispatch dispatch(PlannedRequest planned) throws InterruptedException {
        if (!planned.isSendable()) {
            return Dispatch.unsent(planned, RequestOutcome.INVALID_LINE, planned.problem());
        }
        PlannedRequest request = adapters.enrich(planned, run);
        if (!request.isSendable()) {
            return Dispatch.unsent(request, RequestOutcome.UNKNOWN_ADAPTER, request.problem());
        }
        long due = dueNanos(request);
        awaitDue(due);
        Dispatch settled = settledWithoutSending(request);
        if (settled != null) {
            return settled;
        }
        long blockedFrom = System.nanoTime();
        if (!slots.tryAcquire()) {
            slots.acquire();
            blocked.blocked(blockedFrom, System.nanoTime());
            settled = settledWithoutSending(request);
            if (settled != null) {
                slots.release();
                return settled;
            }
        }
        long slotWait = closedLoop ? System.nanoTime() - due : blocked.total() - blocked.until(due);
        boolean first = measured && !request.adapterName().equals(baseModel) && adaptersSent.add(request.adapterName());
        lastTurn = lastTurn == null ? SendTurn.first() : lastTurn.next();
        return Dispatch.toSend(request, slotWait, first, lastTurn);
    }

    private long dueNanos(PlannedRequest request) {
        Double offset = request.scheduledOffsetSeconds();
        return offset == null ? System.nanoTime() : run.requestPhaseStartNanos() + (long) Math.ceil(offset * 1e9);
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
            return Dispatch.unsent(request, RequestOutcome.NOT_SENT, "not sent: the run was interrupted (" + interruption.get() + ")");
        }
        var death = run.serverGone();
        if (death.isPresent()) {
            return Dispatch.unsent(request, RequestOutcome.FAILED, death.get());
        }
        if (measured) {
            var stop = run.stopReason();
            if (stop.isPresent()) {
                return Dispatch.unsent(request, RequestOutcome.NOT_SENT, NOT_SENT + stop.get());
            }
        }
        return null;
    }
}
