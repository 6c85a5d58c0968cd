package dev.multilora.schedule;

import dev.multilora.config.Schedule;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which schedules have a fire waiting in the run queue. A schedule has at most one: a fire that
 * comes while the previous one still waits would only run the same dataset again right after it,
 * so it is skipped (and the route logs and counts it) instead of piling up behind a long run.
 */
public final class WaitingFires {
    private final Map<String, Schedule> schedules;
    private final Map<String, ScheduleFire> waiting = new ConcurrentHashMap<>();

    public WaitingFires(List<Schedule> schedules) {
        this.schedules = schedules.stream().collect(Collectors.toUnmodifiableMap(Schedule::name, Function.identity()));
    }

    /** @param scheduledFireTime the time Quartz fired the trigger for (its scheduledFireTime header) */
    public ScheduleFire fired(String name, Date scheduledFireTime) {
        Schedule schedule = schedules.get(name);
        if (schedule == null) {
            throw new IllegalArgumentException("no schedule named " + name);
        }
        return new ScheduleFire(schedule, scheduledFireTime.toInstant());
    }

    /** Takes the schedule's one place in the queue: false when its previous fire still holds it. */
    public boolean join(ScheduleFire fire) {
        return waiting.putIfAbsent(fire.name(), fire) == null;
    }

    /** Its run is starting: the schedule's next fire may wait in the queue again. */
    public void leftQueue(ScheduleFire fire) {
        if (fire != null) {
            waiting.remove(fire.name(), fire);
        }
    }
}
