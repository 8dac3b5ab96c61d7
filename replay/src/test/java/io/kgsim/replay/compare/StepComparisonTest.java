package io.kgsim.replay.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.replay.record.OwnershipEvent.Kind;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The four checks: within tolerance they pass, a planted difference fails the check it should and only that one. */
class StepComparisonTest {
    /** t has 4 partitions; c1 stops at 10 s; 20 s in all. */
    private static final Scenario SCENARIO = Recordings.parse("""
            name: checks
            seed: 1
            duration: 20s
            topics:
              - name: t
                partitions: 4
            groups:
              - group.id: g
                subscription: [t]
                consumers: 2
            timeline:
              - {at: 10s, stop: g/c1}
            """);

    /**
     * The real run: generation 1 at 3 s (c1 t-0,t-1; c2 t-2,t-3); c1 stops at 10 s and c2 gets
     * everything at {@code handoverMs}, in generation 2.
     */
    private static Recording run(double firstAssignMs, double handoverMs, String c2First, int... handoverGenerations) {
        Recordings r = new Recordings("g")
                .epoch(3000, "c1", 1).epoch(3000, "c2", 1)
                .at(firstAssignMs, "c1", Kind.ASSIGNED, "t-0", "t-1")
                .at(firstAssignMs, "c2", Kind.ASSIGNED, c2First, "t-3")
                .at(10_000, "c1", Kind.REVOKED, "t-0", "t-1")
                .at(10_000, "c1", Kind.CLOSED);
        for (int g : handoverGenerations) {
            r.epoch(handoverMs, "c2", g);
        }
        return r.at(handoverMs, "c2", Kind.ASSIGNED, "t-0", "t-1").build();
    }

    @Test
    void withinToleranceEveryCheckPasses() {
        // Real: last change 3 s after the start, 1 s after the stop; unowned 24 s, then 2 s.
        // Simulated: 3.3 s (10 % later, within 15 %) and 1.149 s (149 ms later, within 150 ms);
        // unowned 25.2 s (within 25 %) and 2.2 s (within 250 ms).
        ReplayComparison c = ReplayComparison.of(SCENARIO, run(3000, 11_000, "t-2", 2), run(3300, 11_149, "t-2", 2));
        assertTrue(c.passed(), () -> String.join("\n", ReplayTable.lines(c)));
        assertEquals(0, c.failedChecks());
    }

    @Test
    void justOutsideToleranceTheTimeCheckFails() {
        ReplayComparison c = ReplayComparison.of(SCENARIO, run(3000, 11_000, "t-2", 2), run(3000, 11_151, "t-2", 2));
        StepComparison stop = c.groups().get(0).steps().get(1);
        assertFalse(stop.timeMatches(), "151 ms later misses the 150 ms floor");
        assertTrue(stop.unownedMatches(), "unowned differs by 302 ms: within 25 % of 2,000 ms (500 ms)");
        assertEquals(150_000, stop.timeToleranceUs());
        assertEquals(1, c.failedChecks());
    }

    @Test
    void aPlantedDifferenceInAssignmentAndRebalancesIsFlagged() {
        ReplayComparison c = ReplayComparison.of(SCENARIO, run(3000, 11_000, "t-2", 2), run(3000, 11_000, "t-1", 2, 3));
        StepComparison start = c.groups().get(0).steps().get(0);
        assertFalse(start.assignmentMatches());
        assertEquals(List.of("c2"), start.differingMembers(), "only c2's partitions differ (t-1 instead of t-2)");
        assertTrue(start.rebalancesMatch());
        StepComparison stop = c.groups().get(0).steps().get(1);
        assertFalse(stop.rebalancesMatch(), "the simulated side went through generations 2 and 3: two rebalances against one");
        assertTrue(stop.timeMatches());
        // t-2, never assigned on the simulated side, is also unowned for 17 s more than on the real side.
        assertEquals(5, c.failedChecks(), "both steps' assignment and unowned time, and step 1's rebalances");
    }

    @Test
    void unownedTimeBeyondItsToleranceFails() {
        // Simulated c2 never gets c1's partitions: unowned 20 s instead of 2 s, and no last change after the close.
        Recording simulated = new Recordings("g")
                .epoch(3000, "c1", 1).epoch(3000, "c2", 1)
                .at(3000, "c1", Kind.ASSIGNED, "t-0", "t-1")
                .at(3000, "c2", Kind.ASSIGNED, "t-2", "t-3")
                .at(10_000, "c1", Kind.REVOKED, "t-0", "t-1")
                .at(10_000, "c1", Kind.CLOSED)
                .build();
        StepComparison stop = ReplayComparison.of(SCENARIO, run(3000, 11_000, "t-2", 2), simulated).groups().get(0).steps().get(1);
        assertFalse(stop.unownedMatches());
        assertFalse(stop.timeMatches(), "real: the handover 1 s after the stop; simulated: the revocation at the stop");
        assertFalse(stop.rebalancesMatch());
        assertEquals(List.of("c2"), stop.differingMembers());
    }

    @Test
    void aStepWithoutChangeAgreesOnlyWithAnotherWithoutChange() {
        Step step = new Step(1, "stop g/c1", 0, 10_000_000);
        StepMetrics quiet = new StepMetrics(0, new java.util.TreeMap<>(), 0, 0, 0, null, 0);
        StepMetrics changed = new StepMetrics(0, new java.util.TreeMap<>(), 0, 0, 0, 10_000L, 0);
        assertTrue(StepComparison.of(step, quiet, quiet).timeMatches());
        assertFalse(StepComparison.of(step, quiet, changed).timeMatches());
        assertFalse(StepComparison.of(step, changed, quiet).timeMatches());
        assertTrue(StepComparison.of(step, changed, changed).passed());
    }
}
