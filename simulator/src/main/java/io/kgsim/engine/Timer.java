package io.kgsim.engine;

/**
 * A handle on one scheduled action. The same handle can be cancelled and re-armed any number
 * of times ({@link Simulation#reschedule}), which is how heartbeats and session timeouts are
 * driven: re-arming moves the entry in place instead of leaving a dead one behind.
 *
 * <p>Hot timers may subclass it and override {@link #fire()}: the timer is then its own action,
 * one object to reach instead of two when it fires.
 */
public class Timer {
    long time;
    long seq;
    /** Position in its heap or bucket; meaningful only while {@link #where} is not NONE. */
    int index = -1;
    /** Which part of the {@link TimerQueue} holds it, {@code TimerQueue.NONE} when not pending. */
    byte where;
    /**
     * While {@code where == BUCKET}: the absolute calendar slot of the bucket holding it (the
     * bucket is the slot modulo the calendar's size); the timer fires no earlier than it.
     */
    long slot;
    Action action;

    Timer(Action action) {
        this.action = action;
    }

    /** For subclasses that override {@link #fire()}; arm with {@link Simulation#reschedule}. */
    protected Timer() {
        this.action = null;
    }

    /** What happens when the timer fires: runs its action unless a subclass says otherwise. */
    protected void fire() {
        action.run();
    }

    public boolean isPending() {
        return where != TimerQueue.NONE;
    }

    /** Virtual time (microseconds) this timer fires at; meaningful only while pending. */
    public long time() {
        return time;
    }
}
