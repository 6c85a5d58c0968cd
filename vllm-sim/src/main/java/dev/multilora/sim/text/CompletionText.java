package dev.multilora.sim.text;

import java.util.SplittableRandom;

/**
 * Produces a completion's text token by token from its seed. Each token is a space and a word, so
 * the text re-tokenizes to its token count; the end-of-sequence token has no text.
 * Not thread-safe: one instance per request, used by the thread that writes the response.
 */
public final class CompletionText {

    private static final String[] WORDS = {
        " the", " model", " adapter", " token", " serve", " batch", " of", " and", " a", " to",
        " in", " is", " it", " that", " for", " on", " with", " as", " at", " by",
        " data", " rank", " layer", " weight", " cache", " queue", " step", " time", " load", " run",
        " request", " answer", " question", " simple", " large", " small", " fast", " slow", " new", " old",
        " first", " last", " next", " each", " every", " some", " many", " few", " more", " less",
        " when", " where", " which", " while", " then", " than", " this", " those", " these", " there",
        " value", " result", " memory", " engine"
    };

    private final SplittableRandom random;
    private final OutputPlan plan;
    private int produced;

    public CompletionText(long seed, OutputPlan plan) {
        this.random = new SplittableRandom(seed);
        this.plan = plan;
    }

    /** The text of the tokens after those already returned, up to token {@code upTo} (exclusive). */
    public String next(int upTo) {
        StringBuilder text = new StringBuilder((upTo - produced) * 7);
        int wordsUpTo = plan.finishReason() == FinishReason.STOP ? Math.min(upTo, plan.tokens() - 1) : upTo;
        for (; produced < wordsUpTo; produced++) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        produced = Math.max(produced, upTo);
        return text.toString();
    }
}
