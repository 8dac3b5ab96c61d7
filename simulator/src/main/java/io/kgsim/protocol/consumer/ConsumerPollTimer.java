package io.kgsim.protocol.consumer;

import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import io.kgsim.protocol.CoordinatorChannel;
import java.util.function.BooleanSupplier;

/**
 * {@code max.poll.interval.ms} as the consumer-protocol client's background thread enforces it
 * ({@code AbstractHeartbeatRequestManager.pollTimer}): it counts from each return of
 * {@code poll()} with records, stands still while the application is inside {@code poll()},
 * and is checked only while the member heartbeats with a known coordinator (a frozen process
 * sees it expire when the pause ends; a member looking for its coordinator when it is found).
 */
final class ConsumerPollTimer {
    private final Simulation sim;
    private final long maxPollIntervalUs;
    private final CoordinatorChannel channel;
    private final BooleanSupplier applies;
    private final Runnable onExpired;
    private final Timer timer;
    /** When max.poll.interval.ms runs out: set as poll() returns, none while inside poll(). */
    private long deadlineUs = Long.MAX_VALUE;

    /**
     * @param applies whether an expiry is acted on now (the member is in the group and not leaving)
     * @param onExpired the leave heartbeat and STALE
     */
    ConsumerPollTimer(Simulation sim, long maxPollIntervalUs, CoordinatorChannel channel, BooleanSupplier applies, Runnable onExpired) {
        this.sim = sim;
        this.maxPollIntervalUs = maxPollIntervalUs;
        this.channel = channel;
        this.applies = applies;
        this.onExpired = onExpired;
        this.timer = sim.newTimer(this::due);
    }

    /** Inside poll(): the interval stops counting (the timer sees there is no deadline when it comes). */
    void enteredPoll() {
        deadlineUs = Long.MAX_VALUE;
    }

    /** poll() returned records: the interval counts from now. */
    void pollReturned() {
        deadlineUs = sim.now() + maxPollIntervalUs;
        if (!timer.isPending() || timer.time() > deadlineUs) {
            sim.reschedule(timer, maxPollIntervalUs);
        }
    }

    /** The process closes or ends: no deadline any more. */
    void stop() {
        sim.cancel(timer);
        deadlineUs = Long.MAX_VALUE;
    }

    /** Has max.poll.interval.ms run out (the background thread looks again when the coordinator is found)? */
    boolean expired() {
        return sim.now() >= deadlineUs;
    }

    private void due() {
        if (sim.now() < deadlineUs) {
            if (deadlineUs != Long.MAX_VALUE) {
                sim.reschedule(timer, deadlineUs - sim.now());
            }
            return;
        }
        if (channel.isFrozen()) {
            sim.reschedule(timer, channel.frozenUntilUs() - sim.now());
            return;
        }
        if (applies.getAsBoolean()) {
            onExpired.run();
        }
    }
}
