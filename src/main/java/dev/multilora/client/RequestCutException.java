package dev.multilora.client;

import java.io.IOException;

/** A response cut before it was complete: its deadline passed, or the run was interrupted. The message says which. */
final class RequestCutException extends IOException {
    RequestCutException(String message, Throwable cut) {
        super(message, cut);
    }
}
