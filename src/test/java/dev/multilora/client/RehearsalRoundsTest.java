package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rehearsal goes on while the JIT compiles, and no longer: each round here takes one second. */
class RehearsalRoundsTest {
    private final AtomicLong compiledMillis = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final RehearsalRounds rounds = new RehearsalRounds(compiledMillis::get, nanos::get, 8);

    @Test
    void aRoundThatKeptTheJitBusyIsFollowedByAnotherAndOneThatDidNotEndsTheRehearsal() {
        rounds.start();
        endRound(300);
        assertTrue(rounds.another(), "the JIT compiled for 30% of the round");
        rounds.start();
        endRound(19);
        assertFalse(rounds.another(), "1.9% of the round compiling: the client is warm");
        assertEquals(2, rounds.rounds());
        assertEquals(0.019, rounds.lastCompileShare(), 1e-9);
    }

    @Test
    void aJitThatNeverSettlesStopsTheRehearsalAfterItsLastRound() {
        for (int round = 1; round < 8; round++) {
            rounds.start();
            endRound(500);
            assertTrue(rounds.another(), "round " + round);
        }
        rounds.start();
        endRound(500);
        assertFalse(rounds.another());
        assertEquals(8, rounds.rounds());
    }

    @Test
    void aJvmThatDoesNotTimeItsCompilerRehearsesOneRound() {
        RehearsalRounds untimed = new RehearsalRounds(null, nanos::get, 8);
        untimed.start();
        nanos.addAndGet(1_000_000_000L);
        assertFalse(untimed.another());
    }

    private void endRound(long compilingMillis) {
        compiledMillis.addAndGet(compilingMillis);
        nanos.addAndGet(1_000_000_000L);
    }
}
