package io.kgsim.protocol;

import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import java.util.EnumSet;
import java.util.Set;

/**
 * A member's process, apart from its group membership: whatever the protocol, the application
 * runs, closes the consumer, or is gone. Each state says how the timeline's inputs act on it.
 */
public enum ProcessState {
    /**
     * The application runs the consumer. start: nothing (already running). stop: close begins
     * => CLOSING. crash, or a fatal error out of {@code poll()}: => DEAD.
     */
    RUNNING,
    /**
     * {@code KafkaConsumer.close()} is under way (its commit is out). poll and heartbeats: nothing
     * more. start: the restart waits for the close => CLOSING_THEN_RESTART. stop: nothing.
     * Close done, or crash => DEAD.
     */
    CLOSING,
    /**
     * Closing, and a start came meanwhile: the restart happens once the close is done
     * (=> DEAD, then at once RUNNING in a new incarnation). stop: cancels the restart =>
     * CLOSING. crash: => DEAD without a restart (the application was killed).
     */
    CLOSING_THEN_RESTART,
    /**
     * No process (never started, stopped, crashed, failed). start: a new incarnation =>
     * RUNNING. stop, crash: nothing. Answers to the earlier process are dropped.
     */
    DEAD;

    private Set<ProcessState> validPrevious;

    static {
        RUNNING.validPrevious = EnumSet.of(DEAD);
        CLOSING.validPrevious = EnumSet.of(RUNNING, CLOSING_THEN_RESTART);
        CLOSING_THEN_RESTART.validPrevious = EnumSet.of(CLOSING);
        DEAD.validPrevious = EnumSet.of(RUNNING, CLOSING, CLOSING_THEN_RESTART);
    }

    public boolean canFollow(ProcessState previous) {
        return validPrevious.contains(previous);
    }

    /** Is the process there (running or closing)? */
    public boolean isAlive() {
        return this != DEAD;
    }

    /** Is a close under way? */
    public boolean isClosing() {
        return this == CLOSING || this == CLOSING_THEN_RESTART;
    }

    /**
     * The exception an illegal transition of any of a member's state machines throws: it names
     * the run's seed and the virtual time so that the run can be replayed to that point.
     */
    public static IllegalStateException illegalTransition(Simulation sim, String member, Enum<?> from, Enum<?> to, String reason) {
        return new IllegalStateException("illegal transition of member " + member + " from " + from + " to " + to + " (" + reason
                + ") at " + Durations.format(sim.now()) + " (" + sim.now() + " us), seed " + sim.seed());
    }
}
