package dev.multilora.results;

/**
 * How one server of a fleet (server.urls) served its share of the requests.
 *
 * @param count every measured request sent to it, failures included
 */
public record EndpointStats(long count, long successful, long failed, double requestsPerSec, Distribution ttft, Distribution e2el) {
}
