package io.kgsim.protocol;

import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;

/**
 * The group coordinator's write path to {@code __consumer_offsets}, as Kafka 4.4's
 * {@code CoordinatorRuntime} runs it: a request whose handling produced records (an offset
 * commit, the leader's SyncGroup with the group's assignment, a consumer-protocol heartbeat that
 * changed the group) is answered only once those records are committed, that is once the
 * partition's high watermark has passed them. The records wait in the open batch, which is
 * flushed {@code group.coordinator.append.linger.ms} after its first write (Kafka's default -1:
 * adaptively, as soon as the runtime has no other event queued, which in a discrete-event
 * simulation is at once), then take {@code cluster.coordinator.write.latency} to commit (the log
 * append, and on a replicated {@code __consumer_offsets} the followers' fetch round trip that
 * moves the high watermark).
 *
 * <p>One per group coordinator (kgsim has one per group): Kafka batches per
 * {@code __consumer_offsets} partition, so two groups sharing one would share a batch.
 */
public final class CoordinatorLog {
    private final Simulation sim;
    /** {@code group.coordinator.append.linger.ms} in µs; negative is Kafka's adaptive linger. */
    private final long lingerUs;
    private final long writeLatencyUs;
    /** When the open batch is flushed; Long.MIN_VALUE when none is open. */
    private long batchFlushUs = Long.MIN_VALUE;

    public CoordinatorLog(Simulation sim, int appendLingerMs, long writeLatencyUs) {
        this.sim = sim;
        this.lingerUs = appendLingerMs < 0 ? -1 : Durations.ms(appendLingerMs);
        this.writeLatencyUs = writeLatencyUs;
    }

    /**
     * Records are written now: {@code committed} runs when they are committed. With no linger and
     * no write latency it runs at once, within the caller, as an instant write would. The caller
     * checks, when it runs, that what it answers still holds (the coordinator may have died, the
     * group moved on), as Kafka's append futures do.
     */
    public void append(Runnable committed) {
        long delay = delayUs();
        if (delay == 0) {
            committed.run();
        } else {
            sim.schedule(delay, committed::run);
        }
    }

    /** From now to the commit of records written now. */
    long delayUs() {
        long now = sim.now();
        long flush = now;
        if (lingerUs > 0) {
            if (batchFlushUs < now) {
                batchFlushUs = now + lingerUs;
            }
            flush = batchFlushUs;
        }
        return flush - now + writeLatencyUs;
    }
}
