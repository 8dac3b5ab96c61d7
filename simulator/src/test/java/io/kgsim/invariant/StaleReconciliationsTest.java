package io.kgsim.invariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Durations;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The checker fed consumer-protocol events by hand: Kafka's stale-reconciliation race is counted
 * with its exact window, and every two-owner case that differs from it in one respect still
 * fails (in strict mode, with the seed and the virtual time).
 */
class StaleReconciliationsTest {
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    /** A consumer-protocol group that never settles while the test runs. */
    private static final class View implements GroupView {
        @Override
        public String groupId() {
            return "g";
        }

        @Override
        public List<TopicPartition> assignablePartitions() {
            return List.of(T0, T1);
        }

        @Override
        public boolean isSettled() {
            return false;
        }

        @Override
        public Epoch epoch() {
            return Epoch.consumer(3, -1);
        }

        @Override
        public boolean isCooperative() {
            return true;
        }
    }

    private final InvariantChecker checker = checker(false);

    private static InvariantChecker checker(boolean strict) {
        InvariantChecker c = new InvariantChecker(31682, "test", strict);
        c.register(new View());
        return c;
    }

    private static void on(InvariantChecker c, GroupEvent e) {
        c.on(e);
        c.afterEvent(e.timeUs());
    }

    private static void target(InvariantChecker c, long ms, String member, TopicPartition... assignment) {
        on(c, new GroupEvent(Durations.ms(ms), GroupEventType.ASSIGNMENT_RECEIVED, "g", member, Epoch.consumer(3, 3), null,
                List.of(assignment), null, null, null, -1));
    }

    private static void ownership(InvariantChecker c, long ms, GroupEventType type, String member, TopicPartition... partitions) {
        on(c, GroupEvent.ownership(Durations.ms(ms), type, "g", member, Epoch.consumer(3, 3), "reconciliation", List.of(partitions), List.of()));
    }

    private static void heartbeatError(InvariantChecker c, long ms, String member) {
        on(c, GroupEvent.member(Durations.ms(ms), GroupEventType.HEARTBEAT_ERROR, "g", member, Epoch.consumer(3, 2), "REQUEST_TIMED_OUT"));
    }

    private static void commit(InvariantChecker c, long ms, String member, long offset) {
        SortedMap<TopicPartition, Long> offsets = new TreeMap<>(Partitions.ORDER);
        offsets.put(T1, offset);
        on(c, GroupEvent.committed(Durations.ms(ms), "g", member, Epoch.consumer(3, 3), offsets, Durations.ms(ms)));
    }

    /**
     * Seed 31682's shape: c2's target adds t-1, a heartbeat fails, its next target no longer
     * holds t-1, c5 gets t-1, then c2's reconciliation assigns it too ({@code heartbeatError}:
     * whether the heartbeat failed in between; {@code c2TargetKeepsT1}: whether c2's newest target
     * still holds t-1).
     */
    private static void race(InvariantChecker c, boolean heartbeatError, boolean c2TargetKeepsT1) {
        target(c, 1, "c2", T0);
        ownership(c, 2, GroupEventType.PARTITIONS_ASSIGNED, "c2", T0);
        target(c, 10, "c2", T0, T1);
        if (heartbeatError) {
            heartbeatError(c, 20, "c2");
        }
        if (c2TargetKeepsT1) {
            target(c, 21, "c2", T0, T1);
        } else {
            target(c, 21, "c2", T0);
        }
        target(c, 22, "c5", T1);
        ownership(c, 23, GroupEventType.PARTITIONS_ASSIGNED, "c5", T1);
        ownership(c, 30, GroupEventType.PARTITIONS_ASSIGNED, "c2", T1);
    }

    @Test
    void theRaceIsCountedWithItsExactWindowAndDescribed() {
        race(checker, true, false);
        assertEquals(0, checker.violations(), checker.messages().toString());
        ownership(checker, 34, GroupEventType.PARTITIONS_REVOKED, "c2", T1);
        checker.finish(Durations.ms(100));
        assertEquals(0, checker.violations(), checker.messages().toString());
        assertEquals(1, checker.staleReconciliations());
        assertEquals(Durations.ms(4), checker.staleReconciliationUs());
        assertEquals(1, checker.warnings().size(), checker.warnings().toString());
        assertTrue(checker.warnings().get(0).startsWith("at t=0.030s group g: c2 and c5 both owned t-1 for 4 ms, a stale reconciliation"),
                checker.warnings().get(0));
        assertTrue(checker.warnings().get(0).contains("heartbeat error at t=0.020s"), checker.warnings().get(0));
    }

    @Test
    void theStrictCheckerLetsTheRaceThroughButFailsLoudlyOnAnyOtherSecondOwner() {
        InvariantChecker strict = checker(true);
        race(strict, true, false);
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> ownership(strict, 31, GroupEventType.PARTITIONS_ASSIGNED, "c7", T1));
        assertTrue(v.getMessage().contains("t=0.031s (seed 31682") && v.getMessage().contains("partition t-1 assigned to g/c7 while [c2, c5]"),
                v.getMessage());
    }

    @Test
    void aSecondOwnerWhoseNewestTargetHoldsThePartitionIsAViolation() {
        race(checker, true, true);
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("partition t-1 assigned to g/c2 while [c5] still own(s) it"), checker.messages().get(0));
        assertEquals(0, checker.staleReconciliations());
    }

    @Test
    void withoutAHeartbeatErrorSinceTheTargetThatHeldThePartitionItIsAViolation() {
        race(checker, false, false);
        assertEquals(1, checker.violations());
        assertEquals(0, checker.staleReconciliations());
    }

    @Test
    void aHeartbeatErrorBeforeThatTargetDoesNotCount() {
        heartbeatError(checker, 5, "c2");
        race(checker, false, false);
        assertEquals(1, checker.violations(), "the error came before the target that held t-1: nothing was re-sent after it");
    }

    @Test
    void aStaleOwnerWhoseNextReconciliationKeepsThePartitionIsAViolation() {
        race(checker, true, false);
        // Its next reconciliation revokes t-0 only: the newer target it holds excludes t-1 too.
        ownership(checker, 34, GroupEventType.PARTITIONS_REVOKED, "c2", T0);
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("g/c2 reconciled again but kept t-1"), checker.messages().get(0));
    }

    @Test
    void aStaleOwnerThatAssignsAgainBeforeRevokingIsAViolation() {
        race(checker, true, false);
        target(checker, 33, "c2", T0);
        ownership(checker, 34, GroupEventType.PARTITIONS_ASSIGNED, "c2", new TopicPartition("t", 2));
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("kept t-1"), checker.messages().get(0));
    }

    @Test
    void aCoordinatorHandingThePartitionBackWhileAnotherOwnsItIsAViolation() {
        race(checker, true, false);
        target(checker, 33, "c2", T0, T1);
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("the coordinator gave t-1 back to g/c2 while [c2, c5] still own(s) it"),
                checker.messages().get(0));
    }

    @Test
    void whenTheOtherOwnerGivesUpFirstTheWindowEndsThenAndAReturnedPartitionIsTheStaleOwnersOwn() {
        race(checker, true, false);
        ownership(checker, 32, GroupEventType.PARTITIONS_REVOKED, "c5", T1);
        target(checker, 40, "c2", T0, T1);
        ownership(checker, 50, GroupEventType.PARTITIONS_ASSIGNED, "c5", T0);
        assertEquals(1, checker.violations(), "t-0 is c2's: that second owner is a plain violation");
        assertEquals(1, checker.staleReconciliations());
        assertEquals(Durations.ms(2), checker.staleReconciliationUs());
        ownership(checker, 60, GroupEventType.PARTITIONS_REVOKED, "c2", T0);
        assertEquals(1, checker.violations(), "keeping t-1, its own again, is no violation: " + checker.messages());
    }

    @Test
    void aWindowStillOpenWhenTheRunEndsIsCountedToTheEnd() {
        race(checker, true, false);
        checker.finish(Durations.ms(130));
        assertEquals(Durations.ms(100), checker.staleReconciliationUs());
        assertTrue(checker.warnings().get(0).contains("for 100 ms (still both at the end of the run)"), checker.warnings().get(0));
    }

    @Test
    void theStaleOwnersCommitsAreOutsideTheChainOfOwners() {
        race(checker, true, false);
        commit(checker, 31, "c5", 60);
        commit(checker, 32, "c2", 55);
        commit(checker, 33, "c2", 70);
        ownership(checker, 34, GroupEventType.PARTITIONS_REVOKED, "c2", T1);
        assertEquals(0, checker.violations(), "accepted at c2's current epoch, as Kafka does: " + checker.messages());
        commit(checker, 40, "c5", 65);
        assertEquals(0, checker.violations(), checker.messages().toString());
        assertTrue(checker.warnings().get(1).contains("the committed offset of t-1 went back from 70 (committed by c2, which owned it only "
                + "through a stale reconciliation) to 65 (committed by its owner c5)"), checker.warnings().toString());
        commit(checker, 41, "c5", 66);
        commit(checker, 42, "c5", 50);
        assertEquals(1, checker.violations(), "an owner going below its own commit is still a violation");
    }
}
