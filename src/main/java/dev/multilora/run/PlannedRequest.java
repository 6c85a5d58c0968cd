package dev.multilora.run;

/**
 * A request as planned before anything is sent: which dataset line it replays, under which id,
 * with which adapter (or base model), and when it is due. Invalid dataset lines are planned too,
 * never sent, so each one still ends as a row of the results.
 *
 * @param requestId   sequence number of a measured request, unique across cycles; null for invalid lines
 * @param lineNumber  the dataset line it comes from
 * @param prompt      the prompt to send; null for invalid lines
 * @param adapterName adapter or base model to use, as named by the dataset or the random draw
 * @param problem     why the request is not sent (invalid line, unknown adapter); null when sendable
 * @param maxTokens   the dataset line's own max_tokens; null = generation.max_tokens
 * @param scheduledOffsetSeconds when it is due, in seconds from the start of the request phase; null for invalid lines
 * @param messages    the line holds chat messages: {@code prompt} is their JSON array (generation.endpoint: chat)
 */
public record PlannedRequest(Integer requestId, int lineNumber, String prompt, String adapterName, String problem,
                             Integer maxTokens, Double scheduledOffsetSeconds, boolean messages) {

    /** A request whose prompt is plain text. */
    public PlannedRequest(Integer requestId, int lineNumber, String prompt, String adapterName, String problem,
                          Integer maxTokens, Double scheduledOffsetSeconds) {
        this(requestId, lineNumber, prompt, adapterName, problem, maxTokens, scheduledOffsetSeconds, false);
    }

    public boolean isMeasured() {
        return requestId != null;
    }

    public boolean isSendable() {
        return problem == null;
    }

    public PlannedRequest rejected(String reason) {
        return new PlannedRequest(requestId, lineNumber, prompt, adapterName, reason, maxTokens, scheduledOffsetSeconds, messages);
    }
}
