package dev.multilora.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The servers a run's requests go to, and which one each request takes: one server, or a fleet
 * (server.urls) shared in plan order (round robin) or by adapter (each adapter, and the base model,
 * always to the same server). A bean chooses rather than Camel's load balancer because the
 * balancer's outputs are fixed in the route, and a run's servers come from its config.
 */
public final class ServerEndpoints {
    private final List<Endpoint> endpoints;
    private final boolean byAdapter;
    private final Map<String, Integer> adapterHomes;
    private final AtomicLong sent = new AtomicLong();

    /** One server: its base URL, and the camel-http endpoint URI of its completions. */
    public record Endpoint(String baseUrl, String uri) {
    }

    private ServerEndpoints(List<Endpoint> endpoints, boolean byAdapter, List<String> adapters) {
        this.endpoints = List.copyOf(endpoints);
        this.byAdapter = byAdapter;
        this.adapterHomes = new HashMap<>();
        for (String adapter : adapters) {
            adapterHomes.putIfAbsent(adapter, adapterHomes.size() % this.endpoints.size());
        }
    }

    public static ServerEndpoints single(String baseUrl, String uri) {
        return new ServerEndpoints(List.of(new Endpoint(baseUrl, uri)), false, List.of());
    }

    public static ServerEndpoints roundRobin(List<Endpoint> endpoints) {
        return new ServerEndpoints(endpoints, false, List.of());
    }

    /** @param adapters the base model and the catalog's adapters, in the order they are given homes */
    public static ServerEndpoints byAdapter(List<Endpoint> endpoints, List<String> adapters) {
        return new ServerEndpoints(endpoints, true, adapters);
    }

    public List<Endpoint> all() {
        return endpoints;
    }

    public boolean isFleet() {
        return endpoints.size() > 1;
    }

    /** The server the next request goes to; called once per request, in dispatch order. */
    public Endpoint choose(String adapter) {
        if (endpoints.size() == 1) {
            return endpoints.get(0);
        }
        if (byAdapter) {
            Integer home = adapterHomes.get(adapter);
            return endpoints.get(home != null ? home : Math.floorMod(adapter.hashCode(), endpoints.size()));
        }
        return endpoints.get((int) (sent.getAndIncrement() % endpoints.size()));
    }
}
