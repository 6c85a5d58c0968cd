package dev.multilora.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.config.Schedule;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitingFiresTest {
    private static final Schedule NIGHTLY = new Schedule("nightly", "0 0 2 * * ?", ZoneId.of("Europe/Berlin"), Path.of("/d/n.jsonl"), Map.of());
    private static final Schedule HOURLY = new Schedule("hourly", "0 0 * * * ?", ZoneId.of("UTC"), Path.of("/d/h.jsonl"), Map.of());

    private final WaitingFires fires = new WaitingFires(List.of(NIGHTLY, HOURLY));

    @Test
    void aScheduleHasOneFireWaitingAtATimeAndMayQueueAgainOnceItsRunStarts() {
        ScheduleFire first = fires.fired("nightly", Date.from(Instant.parse("2026-12-02T01:00:00Z")));
        ScheduleFire second = fires.fired("nightly", Date.from(Instant.parse("2026-12-03T01:00:00Z")));

        assertTrue(fires.join(first));
        assertFalse(fires.join(second), "the previous fire still waits");
        assertTrue(fires.join(fires.fired("hourly", new Date())), "another schedule has its own place");
        fires.leftQueue(first);
        assertTrue(fires.join(second));
    }

    @Test
    void aFireDescribesItselfInItsSchedulesZone() {
        ScheduleFire fire = fires.fired("nightly", Date.from(Instant.parse("2026-12-02T01:00:00Z")));

        assertEquals(Map.of("name", "nightly", "fire_time", "2026-12-02T02:00+01:00"), fire.describe());
    }

    @Test
    void theNextFireTimesFollowTheCronInItsZoneAcrossAClockChange() {
        List<String> next = FireTimes.next(NIGHTLY, Instant.parse("2026-03-27T12:00:00Z"), 3).stream()
                .map(t -> t.toOffsetDateTime().toString()).toList();

        assertEquals(List.of("2026-03-28T02:00+01:00", "2026-03-30T02:00+02:00", "2026-03-31T02:00+02:00"), next,
                "02:00 does not exist on the night clocks go forward, and Quartz (so the trigger too) skips that day");
    }
}
