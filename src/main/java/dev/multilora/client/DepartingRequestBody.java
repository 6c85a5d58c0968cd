package dev.multilora.client;

import dev.multilora.run.Dispatch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A request's JSON body that waits for the request's turn before it is written and passes the turn
 * once its bytes are flushed to the connection, so requests reach the wire in plan order: a worker
 * thread stalled between building its request and writing it (a loaded machine) is never overtaken.
 * The headers wait with it, in the connection's buffer, until the body flushes them. The request's
 * deadline starts as it takes its turn.
 */
final class DepartingRequestBody extends AbstractHttpEntity {
    private final byte[] json;
    private final Dispatch dispatch;
    private final long builtNanos;
    private final RequestDeadlines.Watch deadline;

    DepartingRequestBody(byte[] json, Dispatch dispatch, long builtNanos, RequestDeadlines.Watch deadline) {
        super(ContentType.APPLICATION_JSON, null);
        this.json = json;
        this.dispatch = dispatch;
        this.builtNanos = builtNanos;
        this.deadline = deadline;
    }

    RequestDeadlines.Watch deadline() {
        return deadline;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        dispatch.awaitTurn(builtNanos);
        deadline.start(builtNanos + dispatch.turnWaitNanos());
        out.write(json);
        out.flush();
        dispatch.departed();
    }

    @Override
    public InputStream getContent() {
        return new ByteArrayInputStream(json);
    }

    @Override
    public long getContentLength() {
        return json.length;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public void close() {
        // nothing held: the bytes are in memory
    }
}
