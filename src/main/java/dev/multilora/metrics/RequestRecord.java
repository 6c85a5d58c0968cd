package dev.multilora.metrics;

import java.time.OffsetDateTime;

/**
 * Everything measured about one request, or one invalid dataset line. The single source from which
 * results.json, results.csv and every later figure are computed, so no two outputs can disagree.
 *
 * @param requestId     sequence number of a measured request; null for an invalid line
 * @param lineNumber    dataset line the request replays
 * @param prompt        prompt sent; null for an invalid line
 * @param adapterName   adapter (or base model) the request used
 * @param startedAt     wall-clock time just before the request was written; null if never sent
 * @param latencySeconds monotonic time from writing the request to the response's last byte; null on failure
 * @param slotWaitSeconds time spent waiting for a free in-flight slot before sending; null if never sent
 * @param completionTokens usage.completion_tokens; null on failure
 * @param promptTokens  usage.prompt_tokens; null when not reported
 * @param generatedText the generated text; null on failure
 * @param httpStatus    the response's status; null when no response arrived
 * @param error         why the request failed; null on success
 * @param stream        timing of a streamed response; null when not streamed or failed
 * @param scheduledOffsetSeconds when the request was due, seconds from the start of the request phase; null for an invalid line
 * @param startOffsetSeconds when it was actually sent, on the same monotonic scale; null if never sent
 * @param endOffsetSeconds when its response ended (or it failed), on the same scale; null if never sent
 * @param outcome       how it ended
 * @param adapterLoadSeconds the adapter load the server says this request paid (vllm-sim's usage.sim_timing); null when the server does not say
 * @param firstOfAdapter true for the first measured request sent with its adapter
 * @param endpoint      the server's base URL the request went to; null if never sent
 */
public record RequestRecord(
        Integer requestId,
        int lineNumber,
        String prompt,
        String adapterName,
        OffsetDateTime startedAt,
        Double latencySeconds,
        Double slotWaitSeconds,
        Integer completionTokens,
        Integer promptTokens,
        String generatedText,
        Integer httpStatus,
        String error,
        StreamTiming stream,
        Double scheduledOffsetSeconds,
        Double startOffsetSeconds,
        Double endOffsetSeconds,
        RequestOutcome outcome,
        Double adapterLoadSeconds,
        boolean firstOfAdapter,
        String endpoint) {

    public boolean isMeasured() {
        return requestId != null;
    }

    public boolean succeeded() {
        return outcome == RequestOutcome.OK;
    }

    /** The same record without the prompt and generated text, once results.csv holds them. */
    public RequestRecord withoutTexts() {
        return new RequestRecord(requestId, lineNumber, null, adapterName, startedAt, latencySeconds, slotWaitSeconds,
                completionTokens, promptTokens, null, httpStatus, error, stream, scheduledOffsetSeconds, startOffsetSeconds,
                endOffsetSeconds, outcome, adapterLoadSeconds, firstOfAdapter, endpoint);
    }

    /** Time to first token, seconds; null unless a successful stream. */
    public Double ttftSeconds() {
        return stream == null ? null : stream.ttftSeconds();
    }

    /**
     * Time per output token after the first, seconds: (E2EL - TTFT) / (output tokens - 1), as
     * vLLM defines it; null unless a successful stream with more than one output token.
     */
    public Double tpotSeconds() {
        if (stream == null || latencySeconds == null || completionTokens == null || completionTokens <= 1) {
            return null;
        }
        return (latencySeconds - stream.ttftSeconds()) / (completionTokens - 1);
    }

    /**
     * How late the client itself was: the send time past the due time, less the wait for a slot
     * (which is the concurrency cap's doing, not the client's). Null if never sent.
     */
    public Double schedulerSlipSeconds() {
        if (startOffsetSeconds == null || scheduledOffsetSeconds == null || slotWaitSeconds == null) {
            return null;
        }
        return startOffsetSeconds - scheduledOffsetSeconds - slotWaitSeconds;
    }
}
