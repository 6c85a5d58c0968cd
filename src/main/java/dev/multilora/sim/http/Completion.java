package dev.multilora.sim.http;

import dev.multilora.sim.text.CompletionText;
import dev.multilora.sim.text.OutputPlan;

/** What a reply needs to render one completion besides the engine's progress. */
record Completion(CompletionJson.Header header, int promptTokens, OutputPlan plan, CompletionText text) {
}
