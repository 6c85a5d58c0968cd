package dev.multilora.schedule;

import dev.multilora.config.Schedule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One fire of a schedule: which schedule, and the time Quartz fired it for. */
public record ScheduleFire(Schedule schedule, Instant fireTime) {

    public String name() {
        return schedule.name();
    }

    /** The fire time in the schedule's own zone, as a person reading its cron expects it. */
    public OffsetDateTime localFireTime() {
        return fireTime.atZone(schedule.timeZone()).toOffsetDateTime();
    }

    /** results.json's "schedule". */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", name());
        described.put("fire_time", localFireTime().toString());
        return described;
    }

    @Override
    public String toString() {
        return name() + " at " + localFireTime();
    }
}
