package io.kgsim.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Timers addressed by key, as Kafka's {@code CoordinatorTimer} does it: scheduling a key replaces
 * whatever that key had, so "a heartbeat arrived" is just "reschedule the session-timeout key".
 * The map is looked up, never iterated, so hash order cannot affect a run.
 */
public final class KeyedTimers<K> {
    private final Simulation sim;
    private final Map<K, Timer> timers = new HashMap<>();

    public KeyedTimers(Simulation sim) {
        this.sim = sim;
    }

    /** Arms {@code key} to run {@code action} after {@code delayUs}, replacing a pending one. */
    public void schedule(K key, long delayUs, Action action) {
        Timer t = timers.get(key);
        if (t == null) {
            t = sim.newTimer(null);
            timers.put(key, t);
        }
        Timer self = t;
        t.action = () -> {
            timers.remove(key, self);
            action.run();
        };
        sim.reschedule(t, delayUs);
    }

    public boolean isScheduled(K key) {
        Timer t = timers.get(key);
        return t != null && t.isPending();
    }

    public void cancel(K key) {
        Timer t = timers.remove(key);
        if (t != null) {
            sim.cancel(t);
        }
    }

    /** Cancels every pending timer (a coordinator that dies takes its timers with it). */
    public void cancelAll() {
        for (Timer t : timers.values()) {
            sim.cancel(t);
        }
        timers.clear();
    }
}
