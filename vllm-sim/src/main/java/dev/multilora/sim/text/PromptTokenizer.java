package dev.multilora.sim.text;

/**
 * A deterministic stand-in for a real tokenizer: a token is a run of letters and digits, or any
 * other single non-whitespace character. English text gives roughly the counts of a BPE tokenizer
 * for common words, and the generator's own output re-tokenizes to its token count.
 */
public final class PromptTokenizer {

    private PromptTokenizer() {
    }

    public static int count(String text) {
        int tokens = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    tokens++;
                    inWord = true;
                }
            } else {
                inWord = false;
                if (!Character.isWhitespace(c)) {
                    tokens++;
                }
            }
        }
        return tokens;
    }
}
