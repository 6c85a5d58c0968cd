package dev.multilora.client;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The HTTP client of a run's completion requests: connections reused as the engine allows
 * ({@link ConnectionReuse}), and every request cancellable at its deadline ({@link RequestDeadlines}),
 * the connections having no read timeout of their own.
 */
public final class CompletionHttpClient implements HttpClientConfigurer {
    /** Registry names of the two clients, one per {@link ConnectionReuse} policy. */
    public static final String REUSING_CONNECTIONS = "completionClientReusingConnections";
    public static final String NEW_CONNECTIONS = "completionClientOnNewConnections";

    private final ConnectionReuse reuse;

    public CompletionHttpClient(ConnectionReuse reuse) {
        this.reuse = reuse;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        reuse.configure(clientBuilder);
        clientBuilder.addExecInterceptorFirst("request-deadline", RequestDeadlines.cancellation());
    }
}
