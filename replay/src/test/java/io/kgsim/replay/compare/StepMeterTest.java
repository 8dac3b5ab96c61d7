package io.kgsim.replay.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kgsim.replay.record.OwnershipEvent.Kind;
import io.kgsim.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Step metrics of small hand-written recordings whose answers are worked out by hand in the comments. */
class StepMeterTest {
    /** t has 4 partitions; c1 crashes at 10 s; t grows to 6 at 20 s; the run lasts 30 s. */
    private static final Scenario SCENARIO = Recordings.parse("""
            name: steps
            seed: 1
            duration: 30s
            topics:
              - name: t
                partitions: 4
            groups:
              - group.id: g
                subscription: [t]
                consumers: 2
            timeline:
              - {at: 10s, crash: g/c1}
              - {at: 20s, add-partitions: {topic: t, count: 6}}
            """);

    @Test
    void measuresEveryFigureOfEachStep() {
        List<StepMetrics> steps = StepMeter.measure(SCENARIO, new Recordings("g")
                .at(0, "c1", Kind.STARTED).at(0, "c2", Kind.STARTED)
                .epoch(3000, "c1", 1).epoch(3000, "c2", 1)
                .at(3000, "c1", Kind.ASSIGNED, "t-0", "t-1")
                .at(3100, "c2", Kind.ASSIGNED, "t-2", "t-3")
                // The crash is carried out 50 ms late; c2 takes c1's partitions at 13.2 s.
                .action(0, 10_000, 10_050)
                .at(10_050, "c1", Kind.KILLED)
                .epoch(13_000, "c2", 2)
                .at(13_200, "c2", Kind.ASSIGNED, "t-0", "t-1")
                .action(1, 20_000, 20_000)
                .epoch(23_000, "c2", 3)
                .at(24_000, "c2", Kind.ASSIGNED, "t-4", "t-5")
                // Given up and taken back by the same member: a revocation, not a move.
                .at(25_000, "c2", Kind.REVOKED, "t-3")
                .at(25_500, "c2", Kind.ASSIGNED, "t-3")
                // After the scenario's end: outside every step.
                .at(30_000, "c2", Kind.REVOKED, "t-0", "t-1", "t-2", "t-3", "t-4", "t-5")
                .build()).get("g");
        assertEquals(3, steps.size());

        StepMetrics start = steps.get(0);
        assertEquals(Map.of("c1", List.of("t-0", "t-1"), "c2", List.of("t-2", "t-3")), start.assignment());
        assertEquals(1, start.rebalances(), "generation 1, reached by both members, is one rebalance");
        assertEquals(0, start.partitionsMoved(), "a first assignment is not a move");
        assertEquals(0, start.revocations());
        assertEquals(3_100_000L, start.timeToLastChangeUs());
        assertEquals(2 * 3_000_000L + 2 * 3_100_000L, start.unownedPartitionUs());
        assertEquals(0, start.actionAtUs());

        StepMetrics crash = steps.get(1);
        assertEquals(Map.of("c2", List.of("t-0", "t-1", "t-2", "t-3")), crash.assignment());
        assertEquals(1, crash.rebalances());
        assertEquals(2, crash.partitionsMoved(), "c1's two partitions went to c2");
        assertEquals(0, crash.revocations(), "a killed process runs no callback");
        assertEquals(3_200_000L, crash.timeToLastChangeUs(), "from the scheduled 10 s to 13.2 s");
        assertEquals(2 * (13_200_000L - 10_050_000L), crash.unownedPartitionUs(), "KILLED ends c1's ownership when it happens");
        assertEquals(10_050_000L, crash.actionAtUs());

        StepMetrics grow = steps.get(2);
        assertEquals(Map.of("c2", List.of("t-0", "t-1", "t-2", "t-3", "t-4", "t-5")), grow.assignment());
        assertEquals(1, grow.rebalances());
        assertEquals(0, grow.partitionsMoved());
        assertEquals(1, grow.revocations());
        assertEquals(5_500_000L, grow.timeToLastChangeUs());
        assertEquals(2 * 4_000_000L + 500_000L, grow.unownedPartitionUs(), "t-4 and t-5 count from 20 s, when they were added");
    }

    @Test
    void aFrozenMemberOwnsItsPartitionsUntilItsCallbacksRun() {
        // c1 is frozen from 12 s; the group hands t-0 and t-1 to c2 at 14 s; c1 learns it lost them at 18 s.
        List<StepMetrics> steps = StepMeter.measure(SCENARIO, new Recordings("g")
                .at(1000, "c1", Kind.ASSIGNED, "t-0", "t-1")
                .at(1000, "c2", Kind.ASSIGNED, "t-2", "t-3")
                .at(14_000, "c2", Kind.ASSIGNED, "t-0", "t-1")
                .at(18_000, "c1", Kind.LOST, "t-0", "t-1")
                .build()).get("g");
        StepMetrics window = steps.get(1);
        assertEquals(0, window.unownedPartitionUs(), "owned by c1 until its callback, by c2 from 14 s: never unowned");
        assertEquals(2, window.partitionsMoved());
        assertEquals(2, window.revocations());
        assertEquals(8_000_000L, window.timeToLastChangeUs(), "c1's lost callback at 18 s is the last change");
        assertEquals(Map.of("c2", List.of("t-0", "t-1", "t-2", "t-3")), window.assignment());
    }

    @Test
    void closingEndsOwnershipAndAStepWithoutChangesHasNoTimeToLastChange() {
        List<StepMetrics> steps = StepMeter.measure(SCENARIO, new Recordings("g")
                .at(1000, "c1", Kind.ASSIGNED, "t-0", "t-1", "t-2")
                .at(2000, "c1", Kind.CLOSED)
                .at(15_000, "c2", Kind.ASSIGNED)
                .build()).get("g");
        // t-0..t-2 unowned but from 1 s to 2 s, t-3 throughout: 3 x 9 s + 10 s.
        assertEquals(3 * 9_000_000L + 10_000_000L, steps.get(0).unownedPartitionUs());
        assertEquals(2_000_000L, steps.get(0).timeToLastChangeUs(), "CLOSED took c1's partitions away");
        assertEquals(Map.of(), steps.get(0).assignment());
        assertNull(steps.get(1).timeToLastChangeUs(), "an empty assignment changes nothing");
        assertEquals(4 * 10_000_000L, steps.get(1).unownedPartitionUs());
    }
}
