package io.kgsim.replay.play;

import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;

import java.util.concurrent.TimeUnit;

/**
 * When the real run constructs a member's {@code KafkaConsumer}: {@link #LEAD_US} before the
 * member's start, and never as much as half its {@code auto.commit.interval.ms} before.
 *
 * <p>Why so close: Kafka 4.4's consumer arms its auto-commit timer when it is constructed. One
 * built more than the interval before its subscribe (the replay used to build it with its JVM,
 * 5 to 37 s ahead) finds the commit already due: its first poll waits 0 ms instead of the poll
 * timeout and spins, and its first assignment callback comes 50-556 ms after subscribe instead
 * of about 200 ms, as for a consumer constructed at its start, which is what the simulation
 * models. Why ahead at all: construction and the bootstrap round trip cost up to 0.8 s on a
 * loaded host, which inside the timeline would delay the start. The JVM itself is started and
 * warmed up long before ({@link RealRun}), so the construction finds the client's code loaded
 * and compiled.
 */
final class ConsumerCreation {
    /** How far ahead of its start a member's consumer is constructed, at most. */
    static final long LEAD_US = TimeUnit.SECONDS.toMicros(1);

    private ConsumerCreation() {
    }

    /** The lead for a member of {@code group}: {@link #LEAD_US}, or less when its auto-commit interval is short. */
    static long leadUs(GroupSpec group) {
        return Math.min(LEAD_US, TimeUnit.MILLISECONDS.toMicros(group.config().autoCommitIntervalMs()) / 2);
    }

    /** When the consumer of {@code start} (a {@link Step.Start}) is constructed, scenario time (negative before t0). */
    static long atUs(Scenario scenario, Step start) {
        Step.Start s = (Step.Start) start.op();
        return start.atUs() - leadUs(scenario.group(s.member().group()));
    }
}
