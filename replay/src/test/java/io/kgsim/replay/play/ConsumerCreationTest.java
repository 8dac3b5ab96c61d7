package io.kgsim.replay.play;

import io.kgsim.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each member's consumer is constructed shortly before its start: ahead of it (construction
 * stays out of the timeline) but less than {@code auto.commit.interval.ms} ahead (else the
 * first poll finds the auto-commit due and spins, unlike a consumer constructed at its start).
 */
class ConsumerCreationTest {
    private static final Scenario SCENARIO = Scenarios.parse("""
        name: t
        duration: 60s
        topics:
          - {name: a, partitions: 4}
        groups:
          - group.id: g
            subscription: [a]
            consumers: 2
          - group.id: fast
            subscription: [a]
            consumers: 1
            config:
              auto.commit.interval.ms: 600
        timeline:
          - {at: 0.5s, start: {group: g, count: 1}}
          - {at: 20s, crash: g/c1}
          - {at: 22s, start: g/c1}
        """);

    @Test
    void everyConsumerIsConstructedLessThanTheAutoCommitIntervalBeforeItsStart() {
        List<Step> steps = TimelinePlan.of(SCENARIO);
        List<String> leads = steps.stream().filter(s -> s.op() instanceof Step.Start)
            .map(s -> ((Step.Start) s.op()).member() + " " + (s.atUs() - ConsumerCreation.atUs(SCENARIO, s))).toList();
        // 1 s ahead for the default interval (5 s), the members due at 0 too (their run begins
        // 1 s before t0); half the interval when that is shorter
        assertEquals(List.of("g/c1 1000000", "g/c2 1000000", "fast/c1 300000", "g/c3 1000000", "g/c1 1000000"), leads);
    }
}
