package dev.multilora.schedule;

import dev.multilora.config.Schedule;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/** When a schedule fires next, computed by Quartz's own cron reading, as the trigger will. */
public final class FireTimes {
    private FireTimes() {
    }

    /** The next {@code count} fire times strictly after {@code after}, in the schedule's zone; fewer if the cron ends (a past year). */
    public static List<ZonedDateTime> next(Schedule schedule, Instant after, int count) {
        CronExpression cron;
        try {
            cron = new CronExpression(schedule.cron());
        } catch (ParseException e) {
            throw new IllegalArgumentException("schedule " + schedule.name() + ": " + e.getMessage(), e);
        }
        cron.setTimeZone(TimeZone.getTimeZone(schedule.timeZone()));
        List<ZonedDateTime> times = new ArrayList<>();
        Date from = Date.from(after);
        while (times.size() < count) {
            Date next = cron.getNextValidTimeAfter(from);
            if (next == null) {
                break;
            }
            times.add(next.toInstant().atZone(schedule.timeZone()));
            from = next;
        }
        return times;
    }
}
