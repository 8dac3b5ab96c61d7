package io.kgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Simulation;
import org.junit.jupiter.api.Test;

/** The process state machine both protocols' members share: starts and stops that meet a close. */
class MemberProcessTest {
    private final MemberProcess process = new MemberProcess(new Simulation(42), "g/c1");

    @Test
    void aStartRunsADeadProcessAndNothingElse() {
        assertTrue(process.start());
        assertEquals(ProcessState.RUNNING, process.state());
        assertFalse(process.start(), "already running");
        assertEquals(ProcessState.RUNNING, process.state());
    }

    @Test
    void aStartDuringACloseRestartsOnceTheCloseIsDone() {
        process.start();
        assertTrue(process.close());
        assertFalse(process.start());
        assertEquals(ProcessState.CLOSING_THEN_RESTART, process.state());
        assertTrue(process.end(true), "the waiting start runs now");
        assertEquals(ProcessState.DEAD, process.state());
    }

    @Test
    void aStopCancelsTheWaitingRestartAndAKillNeverRestarts() {
        process.start();
        process.close();
        process.start();
        assertFalse(process.close(), "no second close");
        assertEquals(ProcessState.CLOSING, process.state());
        assertFalse(process.end(true));
        process.start();
        process.close();
        process.start();
        assertFalse(process.end(false), "a kill ends the application: no restart");
    }

    @Test
    void aStopOfADeadProcessDoesNothing() {
        assertFalse(process.close());
        assertEquals(ProcessState.DEAD, process.state());
    }

    @Test
    void anIllegalMoveThrowsWithTheSeedAndTime() {
        process.start();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> process.transitionTo(ProcessState.CLOSING_THEN_RESTART, "test"));
        assertTrue(e.getMessage().contains("seed 42") && e.getMessage().contains("g/c1 from RUNNING to CLOSING_THEN_RESTART"),
                e.getMessage());
        assertEquals(ProcessState.RUNNING, process.state(), "the state is left as it was");
    }
}
