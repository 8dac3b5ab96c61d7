package io.kgsim.engine;

/**
 * A handle on one scheduled action. The same handle can be cancelled and re-armed any number
 * of times ({@link Simulation#reschedule}), which is how heartbeats and session timeouts are
 * driven: re-arming moves the entry inside the heap instead of leaving a dead one behind.
 */
public final class Timer {
    long time;
    long seq;
    /** Position in the heap, or -1 when the timer is not pending. */
    int index = -1;
    Action action;

    Timer(Action action) {
        this.action = action;
    }

    public boolean isPending() {
        return index >= 0;
    }

    /** Virtual time (microseconds) this timer fires at; meaningful only while pending. */
    public long time() {
        return time;
    }
}
