package io.kgsim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The virtual clock and its event queue: SimPy's five operations ({@code now}, {@code schedule},
 * {@code peek}, {@code step}, {@code run}) plus cancellation, which SimPy lacks and which a
 * heartbeat-driven protocol needs constantly.
 *
 * <p>Time is a {@code long} count of microseconds. Events due at the same instant run in the
 * order they were scheduled (the sequence number breaks ties), so a run is deterministic by
 * construction. One thread drives one simulation; nothing here is thread-safe, on purpose.
 *
 * <p>An exception thrown by an action stops the run as a {@link SimulationException} naming the
 * seed and the virtual time, so the failure can be replayed with {@code --seed}.
 */
public final class Simulation {
    private final long seed;
    private final TimerQueue queue = new TimerQueue();
    private final List<EventObserver> observers = new ArrayList<>();
    private EventObserver[] observerArray = new EventObserver[0];
    private long now;
    private long nextSeq;
    private long eventsRun;

    public Simulation(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** Current virtual time in microseconds. */
    public long now() {
        return now;
    }

    public long eventsRun() {
        return eventsRun;
    }

    public int pending() {
        return queue.size();
    }

    /** Observers run after every event, in registration order (invariant checkers, metrics). */
    public void addObserver(EventObserver observer) {
        observers.add(observer);
        observerArray = observers.toArray(new EventObserver[0]);
    }

    /** Schedules {@code action} to run {@code delayUs} microseconds from now. */
    public Timer schedule(long delayUs, Action action) {
        Timer t = new Timer(action);
        arm(t, delayUs);
        return t;
    }

    /** A timer that is not yet armed: arm it with {@link #reschedule}. */
    public Timer newTimer(Action action) {
        return new Timer(action);
    }

    /**
     * Arms {@code timer} to fire {@code delayUs} from now, replacing any pending firing. A
     * re-armed timer orders after everything already scheduled for the same instant, exactly as
     * if it had been cancelled and scheduled anew, but it moves in place in the heap.
     */
    public void reschedule(Timer timer, long delayUs) {
        if (timer.isPending()) {
            checkDelay(delayUs);
            timer.time = now + delayUs;
            timer.seq = nextSeq++;
            queue.update(timer);
        } else {
            arm(timer, delayUs);
        }
    }

    /** Cancels a pending timer; cancelling one that already fired or was cancelled is a no-op. */
    public boolean cancel(Timer timer) {
        if (timer == null || !timer.isPending()) {
            return false;
        }
        queue.remove(timer);
        return true;
    }

    /** Time of the next pending event, or {@link Long#MAX_VALUE} when none is left. */
    public long peek() {
        Timer t = queue.peek();
        return t == null ? Long.MAX_VALUE : t.time;
    }

    /** Runs the next event (timers are due before {@code Long.MAX_VALUE}); false when none is pending. */
    public boolean step() {
        Timer t = queue.pollBefore(Long.MAX_VALUE);
        if (t == null) {
            return false;
        }
        dispatch(t);
        return true;
    }

    private void dispatch(Timer t) {
        now = t.time;
        eventsRun++;
        try {
            t.fire();
            for (EventObserver o : observerArray) {
                o.afterEvent(now);
            }
        } catch (SimulationException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            throw new SimulationException(seed, now, e);
        }
    }

    /**
     * Runs every event due strictly before {@code untilUs}, then sets the clock to {@code untilUs}.
     * Events due exactly at the end are left pending, as SimPy's {@code run(until)} leaves them.
     */
    public void run(long untilUs) {
        if (untilUs < now) {
            throw new IllegalArgumentException("run(until=" + untilUs + ") is before now=" + now);
        }
        Timer t;
        while ((t = queue.pollBefore(untilUs)) != null) {
            dispatch(t);
        }
        now = untilUs;
    }

    private void arm(Timer t, long delayUs) {
        checkDelay(delayUs);
        t.time = now + delayUs;
        t.seq = nextSeq++;
        queue.add(t);
    }

    private void checkDelay(long delayUs) {
        if (delayUs < 0) {
            throw new IllegalArgumentException("negative delay " + delayUs + "us at t=" + now);
        }
    }
}
