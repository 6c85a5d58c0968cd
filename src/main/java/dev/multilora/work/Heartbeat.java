package dev.multilora.work;

/**
 * A worker's announcement on work.workers_topic: who it is, what it serves (what runs it takes) and
 * what it runs now.
 *
 * @param running the dataset it is benchmarking; null when idle
 * @param workId  the work item it has taken ({@link WorkItem#id()}); null when idle
 * @param time    when it was sent, ISO-8601
 */
public record Heartbeat(String worker, String engine, String model, String gpu, String running, String workId, String time) {
}
