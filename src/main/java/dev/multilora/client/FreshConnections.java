package dev.multilora.client;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * For a server that closes each connection after a streamed response while its headers say
 * keep-alive (llama.cpp's): the HTTP client never returns a connection to its pool, so no request
 * is written to a connection the server has already closed, and none is retried for it.
 */
public final class FreshConnections implements HttpClientConfigurer {
    public static final String BEAN = "freshConnections";

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.setConnectionReuseStrategy((request, response, context) -> false);
    }
}
