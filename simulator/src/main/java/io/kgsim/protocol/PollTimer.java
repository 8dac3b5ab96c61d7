package io.kgsim.protocol;

import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import java.util.function.BooleanSupplier;

/**
 * {@code max.poll.interval.ms} as the client's own thread enforces it, under either protocol (the
 * classic heartbeat thread's {@code Heartbeat.pollTimer} and {@code pollTimeoutExpired}; the
 * consumer protocol's background thread, {@code AbstractHeartbeatRequestManager.pollTimer}): it
 * counts from each return of {@code poll()} with records and stands still while the application
 * is inside {@code poll()}; a frozen process does not see it expire before the pause ends.
 */
public final class PollTimer {
    private final Simulation sim;
    private final long maxPollIntervalUs;
    private final CoordinatorChannel channel;
    private final BooleanSupplier applies;
    private final Runnable onExpired;
    private final Timer timer;
    /** When max.poll.interval.ms runs out: set as poll() returns, none while inside poll(). */
    private long deadlineUs = Long.MAX_VALUE;

    /**
     * @param applies whether an expiry is acted on now (e.g. the member runs and is in the group)
     * @param onExpired what the client does: classic {@code handlePollTimeoutExpiry}, consumer
     *                  protocol the leave heartbeat and STALE
     */
    public PollTimer(Simulation sim, long maxPollIntervalUs, CoordinatorChannel channel, BooleanSupplier applies, Runnable onExpired) {
        this.sim = sim;
        this.maxPollIntervalUs = maxPollIntervalUs;
        this.channel = channel;
        this.applies = applies;
        this.onExpired = onExpired;
        this.timer = sim.newTimer(this::due);
    }

    /**
     * Inside poll(): the interval stops counting. The timer is left where it is (a far-off
     * deadline re-armed on every batch would cost two heap operations per batch); it sees there
     * is no deadline when it comes.
     */
    public void enteredPoll() {
        deadlineUs = Long.MAX_VALUE;
    }

    /** poll() returned records: the interval counts from now. */
    public void pollReturned() {
        deadlineUs = sim.now() + maxPollIntervalUs;
        if (!timer.isPending() || timer.time() > deadlineUs) {
            sim.reschedule(timer, maxPollIntervalUs);
        }
    }

    /** The process closes or ends: no deadline any more. */
    public void stop() {
        sim.cancel(timer);
        deadlineUs = Long.MAX_VALUE;
    }

    /** Has max.poll.interval.ms run out (a thread that could not act then looks again later)? */
    public boolean expired() {
        return sim.now() >= deadlineUs;
    }

    private void due() {
        if (sim.now() < deadlineUs) {
            // The application polled since this was armed: wait for the deadline now set, if any.
            if (deadlineUs != Long.MAX_VALUE) {
                sim.reschedule(timer, deadlineUs - sim.now());
            }
            return;
        }
        if (!applies.getAsBoolean()) {
            return;
        }
        if (channel.isFrozen()) {
            sim.reschedule(timer, channel.frozenUntilUs() - sim.now());
            return;
        }
        onExpired.run();
    }
}
