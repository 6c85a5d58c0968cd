package dev.multilora.sim.http;

import dev.multilora.sim.text.CompletionText;
import dev.multilora.sim.text.OutputPlan;

/**
 * What a reply needs to render one completion besides the engine's progress.
 *
 * @param loraName the adapter (or adapter combination) the request runs with, null for the base model
 */
record Completion(CompletionJson.Header header, int promptTokens, OutputPlan plan, CompletionText text,
        String loraName) {

    CompletionJson.Usage usage(int completionTokens, dev.multilora.sim.engine.SimTiming timing) {
        return new CompletionJson.Usage(promptTokens, completionTokens, timing, loraName);
    }
}
