package dev.multilora.server;

import dev.multilora.run.RunAbortedException;

/** The server could not be started, did not become ready, or is not the server the run expects. */
public class ServerFailedException extends RunAbortedException {
    public ServerFailedException(String message) {
        super(message);
    }
}
