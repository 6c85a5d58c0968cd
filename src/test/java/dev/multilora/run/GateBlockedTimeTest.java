package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GateBlockedTimeTest {

    @Test
    void blockedTimeUpToAnInstantCountsWholeAndPartIntervals() {
        GateBlockedTime blocked = new GateBlockedTime();
        blocked.blocked(10, 20);
        blocked.blocked(30, 50);

        assertEquals(0, blocked.until(5));
        assertEquals(5, blocked.until(15));
        assertEquals(10, blocked.until(25));
        assertEquals(20, blocked.until(40));
        assertEquals(30, blocked.until(60));
        assertEquals(30, blocked.total());
    }

    @Test
    void aRequestDueBeforeEarlierBlocksInheritsThemAsSlotWait() {
        GateBlockedTime blocked = new GateBlockedTime();
        long due = 100;
        blocked.blocked(110, 150);
        blocked.blocked(160, 170);

        assertEquals(50, blocked.total() - blocked.until(due), "both blocks came after it was due");
        assertEquals(10, blocked.total() - blocked.until(155), "a later due time sees only the later block");
    }

    @Test
    void manyIntervalsStayExactAsOldOnesAreDropped() {
        GateBlockedTime blocked = new GateBlockedTime();
        for (long i = 0; i < 10_000; i++) {
            blocked.blocked(i * 10, i * 10 + 4);
            assertEquals(4 * (i + 1) - 4, blocked.until(i * 10));
        }
        assertEquals(40_000, blocked.total());
        assertEquals(2, blocked.until(99_992) - blocked.until(99_990));
    }
}
