package io.kgsim.protocol;

import io.kgsim.engine.Simulation;

/**
 * A member's process as the timeline drives it, the same under either protocol: the
 * {@link ProcessState} machine with its one {@code transitionTo}, and the rules for a start or a
 * stop that arrives while a close is under way. The member does the protocol's part of each step.
 */
public final class MemberProcess {
    private final Simulation sim;
    private final String member;
    private ProcessState state = ProcessState.DEAD;

    /** @param member the member as messages name it ({@code group/name}) */
    public MemberProcess(Simulation sim, String member) {
        this.sim = sim;
        this.member = member;
    }

    public ProcessState state() {
        return state;
    }

    public boolean isRunning() {
        return state == ProcessState.RUNNING;
    }

    public boolean isAlive() {
        return state.isAlive();
    }

    /** The one place the process state changes: a move its table does not allow is a bug, named with the run's seed. */
    public void transitionTo(ProcessState next, String reason) {
        if (!next.canFollow(state)) {
            throw ProcessState.illegalTransition(sim, member, state, next, reason);
        }
        state = next;
    }

    /**
     * The timeline starts the process. True when a new process starts now (the member then starts
     * its protocol); a start while a close is still committing takes effect once the close is done.
     */
    public boolean start() {
        if (state != ProcessState.DEAD) {
            if (state == ProcessState.CLOSING) {
                transitionTo(ProcessState.CLOSING_THEN_RESTART, "start during close");
            }
            return false;
        }
        transitionTo(ProcessState.RUNNING, "start");
        return true;
    }

    /**
     * The timeline stops the process. True when a close begins now; a stop after a start that
     * waits for the close under way cancels that restart (the application is stopped again and
     * would never poll the restarted member).
     */
    public boolean close() {
        if (state != ProcessState.RUNNING) {
            if (state == ProcessState.CLOSING_THEN_RESTART) {
                transitionTo(ProcessState.CLOSING, "stop cancels the restart");
            }
            return false;
        }
        transitionTo(ProcessState.CLOSING, "stop");
        return true;
    }

    /**
     * The process ends (close done, crash, fatal error). True when a start waited for this close
     * and may now run; never after a kill ({@code mayRestart} false), which ends the application.
     */
    public boolean end(boolean mayRestart) {
        boolean restart = mayRestart && state == ProcessState.CLOSING_THEN_RESTART;
        transitionTo(ProcessState.DEAD, "process ended");
        return restart;
    }
}
