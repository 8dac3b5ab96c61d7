package io.kgsim.invariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.cluster.Partitions;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The checker fed group events by hand: each invariant (README, `invariantViolations`) broken once, and the legal cases it must let through. */
class InvariantCheckerTest {
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    /** A group whose settledness the test decides. */
    private static final class View implements GroupView {
        final boolean cooperative;
        boolean settled;
        int generation = 1;

        View(boolean cooperative) {
            this.cooperative = cooperative;
        }

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
            return settled;
        }

        @Override
        public Epoch epoch() {
            return Epoch.generation(generation);
        }

        @Override
        public boolean isCooperative() {
            return cooperative;
        }
    }

    /** A checker watching one group. */
    private static final class Fixture {
        final View view;
        final InvariantChecker checker;

        Fixture(boolean cooperative, boolean strict) {
            view = new View(cooperative);
            checker = new InvariantChecker(42, "test", strict);
            checker.register(view);
        }

        void event(long us, GroupEventType type, String member, int generation, List<TopicPartition> partitions) {
            checker.on(GroupEvent.ownership(us, type, "g", member, Epoch.generation(generation), null, partitions, List.of()));
            checker.afterEvent(us);
        }
    }

    private final Fixture f = new Fixture(true, false);
    private final View view = f.view;
    private final InvariantChecker checker = f.checker;

    private void event(long us, GroupEventType type, String member, int generation, List<TopicPartition> partitions) {
        f.event(us, type, member, generation, partitions);
    }

    @Test
    void aCooperativePartitionAssignedWhileAnotherMemberStillOwnsItIsAViolation() {
        event(1, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        event(2, GroupEventType.PARTITIONS_ASSIGNED, "c2", 2, List.of(T0));
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("while [c1] still own(s) it"), checker.messages().get(0));
        // Both now own it: a settled group must report two owners, sorted.
        view.settled = true;
        view.generation = 2;
        event(3, GroupEventType.PARTITIONS_ASSIGNED, "c2", 2, List.of(T1));
        assertEquals(2, checker.violations());
        assertTrue(checker.messages().get(1).contains("has 2 owners [c1, c2]"), checker.messages().get(1));
    }

    @Test
    void theSameMemberAssignedTwiceAndRevokedOnceOwnsNothing() {
        event(1, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        event(2, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        event(3, GroupEventType.PARTITIONS_REVOKED, "c1", 1, List.of(T0));
        assertEquals(0, checker.violations());
        event(4, GroupEventType.PARTITIONS_REVOKED, "c1", 1, List.of(T0));
        assertEquals(1, checker.violations(), "a second revocation gives up a partition c1 no longer owns");
    }

    @Test
    void aZombiesOwnershipDoesNotCountUntilItRejoins() {
        event(1, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        checker.on(GroupEvent.member(2, GroupEventType.MEMBER_REMOVED, "g", "c1", Epoch.generation(1), "session-timeout"));
        event(3, GroupEventType.PARTITIONS_ASSIGNED, "c2", 2, List.of(T0, T1));
        view.settled = true;
        view.generation = 2;
        checker.afterEvent(3);
        event(4, GroupEventType.SYNCED, "c2", 2, List.of(T0, T1));
        assertEquals(0, checker.violations(), checker.messages().toString());
        // c1 rejoins without having learned it was removed: its stale ownership counts again.
        checker.on(GroupEvent.member(5, GroupEventType.JOINED, "g", "c1", Epoch.generation(2), null));
        event(6, GroupEventType.SYNCED, "c2", 2, List.of(T0, T1));
        assertEquals(1, checker.violations());
    }

    @Test
    void aPartitionHandedToTwoMembersInOneGenerationIsAViolationEvenEagerly() {
        Fixture eager = new Fixture(false, false);
        eager.event(1, GroupEventType.SYNCED, "c1", 3, List.of(T0));
        eager.event(2, GroupEventType.SYNCED, "c2", 3, List.of(T0));
        assertEquals(1, eager.checker.violations());
        assertTrue(eager.checker.messages().get(0).contains("handed to both c1 and c2 in generation 3"));
    }

    /** An OffsetCommit of one partition, sent and answered at {@code us}: accepted or refused. */
    private void commit(long us, String member, TopicPartition tp, long offset, boolean accepted) {
        commit(us, us, member, tp, offset, accepted);
    }

    /** An OffsetCommit of one partition sent at {@code sentUs} and answered at {@code us}. */
    private void commit(long sentUs, long us, String member, TopicPartition tp, long offset, boolean accepted) {
        SortedMap<TopicPartition, Long> offsets = new TreeMap<>(Partitions.ORDER);
        offsets.put(tp, offset);
        checker.on(accepted ? GroupEvent.committed(us, "g", member, Epoch.generation(1), offsets, sentUs)
                : GroupEvent.member(us, GroupEventType.COMMIT_FAILED, "g", member, Epoch.generation(1), "ILLEGAL_GENERATION"));
        checker.afterEvent(us);
    }

    @Test
    void aMemberCommittingAPartitionItDoesNotOwnIsAViolation() {
        event(1, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        commit(2_000, "c1", T1, 10, true);
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("g/c1 committed t-1 at offset 10 which it did not own when it sent the commit at t=0.002s; owners now: []"), checker.messages().get(0));
    }

    @Test
    void aZombiesAcceptedCommitCountsButARefusedOneDoesNot() {
        event(1, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        checker.on(GroupEvent.member(2, GroupEventType.MEMBER_REMOVED, "g", "c1", Epoch.generation(1), "session-timeout"));
        event(3, GroupEventType.PARTITIONS_ASSIGNED, "c2", 2, List.of(T0));
        // Cut off, c1 still believes it owns t-0: the coordinator refuses its commit, nothing is committed.
        commit(4, "c1", T0, 10, false);
        assertEquals(0, checker.violations(), checker.messages().toString());
        // Had the coordinator accepted it, the removed member would have committed another's partition.
        commit(5, "c1", T0, 10, true);
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("g/c1 committed t-0 at offset 10 after the coordinator had removed it; owners now: [c1, c2]"),
                checker.messages().get(0));
    }

    @Test
    void aCommitSentByTheOwnerCountsAsItsOwnEvenIfItArrivesAfterTheOwnershipEnded() {
        event(1_000, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        // Still on the wire when the process crashed: the coordinator accepts it afterwards.
        event(3_000, GroupEventType.PARTITIONS_LOST, "c1", 1, List.of(T0));
        commit(2_000, 4_000, "c1", T0, 10, true);
        assertEquals(0, checker.violations(), checker.messages().toString());
        // Sent after the ownership ended: not c1's to commit, whenever it arrives.
        commit(5_000, 6_000, "c1", T0, 12, true);
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("which it did not own when it sent the commit at t=0.005s"), checker.messages().get(0));
        // Sent before the partition came back to it: owning it on arrival is not enough.
        event(7_000, GroupEventType.PARTITIONS_ASSIGNED, "c1", 2, List.of(T0));
        commit(6_500, 8_000, "c1", T0, 12, true);
        assertEquals(2, checker.violations());
        // One sent in its first tenure, accepted now, was still its owner's.
        commit(2_500, 9_000, "c1", T0, 12, true);
        assertEquals(2, checker.violations(), checker.messages().toString());
    }

    @Test
    void ownersCommitBeforeGivingUpAndTheNextOwnerGoesOnFromThere() {
        event(1, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0, T1));
        commit(2, "c1", T0, 10, true);
        commit(3, "c1", T0, 10, true);
        // Cooperative: the commit in onPartitionsRevoked comes before the revocation.
        commit(4, "c1", T1, 30, true);
        event(5, GroupEventType.PARTITIONS_REVOKED, "c1", 1, List.of(T1));
        event(6, GroupEventType.PARTITIONS_ASSIGNED, "c2", 2, List.of(T1));
        commit(7, "c2", T1, 30, true);
        commit(8, "c2", T1, 45, true);
        // Eager: everything is committed before JoinGroup, then revoked.
        commit(9, "c1", T0, 20, true);
        event(10, GroupEventType.PARTITIONS_REVOKED, "c1", 2, List.of(T0));
        assertEquals(0, checker.violations(), checker.messages().toString());
        assertEquals(List.of(), checker.warnings());
    }

    @Test
    void anOwnerCommittingBelowWhatThePreviousOwnerCommittedIsAViolation() {
        event(1, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        commit(2, "c1", T0, 100, true);
        event(3, GroupEventType.PARTITIONS_REVOKED, "c1", 1, List.of(T0));
        event(4, GroupEventType.PARTITIONS_ASSIGNED, "c2", 2, List.of(T0));
        commit(5, "c2", T0, 80, true);
        assertEquals(1, checker.violations());
        assertTrue(checker.messages().get(0).contains("group g: the committed offset of t-0 went back from 100 (committed by c1) to 80 (committed by its owner c2)"),
                checker.messages().get(0));
        // Going back within one owner's tenure: kgsim's consumers never seek.
        commit(6, "c2", T0, 90, true);
        commit(7, "c2", T0, 85, true);
        assertEquals(2, checker.violations());
    }

    @Test
    void anOwnerGoingBackBelowAStrayCommitIsAWarningAsInKafka() {
        event(1, GroupEventType.PARTITIONS_ASSIGNED, "c1", 1, List.of(T0));
        commit(2, "c1", T0, 50, true);
        commit(3, "c2", T0, 100, true);
        assertEquals(1, checker.violations(), "the stray commit itself");
        commit(4, "c1", T0, 60, true);
        assertEquals(1, checker.violations(), checker.messages().toString());
        assertEquals(1, checker.warnings().size());
        assertTrue(checker.warnings().get(0).contains("the committed offset of t-0 went back from 100 (committed by c2, which did not own it) to 60"),
                checker.warnings().get(0));
    }

    @Test
    void strictModeThrowsWithTheSeedAndTheLastEvents() {
        Fixture strict = new Fixture(true, true);
        InvariantViolation v = assertThrows(InvariantViolation.class,
                () -> strict.event(7_000, GroupEventType.PARTITIONS_REVOKED, "c9", 1, List.of(T1)));
        assertTrue(v.getMessage().contains("seed 42") && v.getMessage().contains("t=0.007s") && v.getMessage().contains("replay with --seed 42"),
                v.getMessage());
    }
}
