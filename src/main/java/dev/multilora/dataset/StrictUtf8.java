package dev.multilora.dataset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one line's bytes as UTF-8, refusing bad bytes instead of replacing them: a replaced byte
 * would be sent as a prompt the file never held, and a literal U+FFFD could no longer be told from it.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** Bytes that are not UTF-8, with where in the line they start, for a reason the user can act on. */
    static final class InvalidUtf8Exception extends Exception {
        InvalidUtf8Exception(int byteIndex) {
            super("not valid UTF-8 (byte " + (byteIndex + 1) + " of the line)");
        }
    }

    static String decode(byte[] bytes, int length) throws InvalidUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        // UTF-8 never decodes to more chars than it has bytes
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidUtf8Exception(in.position());
        }
        decoder.flush(out);
        return new String(out.array(), 0, out.position());
    }
}
