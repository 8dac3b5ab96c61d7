package io.kgsim.invariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
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
        public int generation() {
            return generation;
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
            checker.on(GroupEvent.partitions(us, type, "g", member, generation, null, partitions, List.of()));
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
        checker.on(GroupEvent.of(2, GroupEventType.MEMBER_REMOVED, "g", "c1", 1, "session-timeout"));
        event(3, GroupEventType.PARTITIONS_ASSIGNED, "c2", 2, List.of(T0, T1));
        view.settled = true;
        view.generation = 2;
        checker.afterEvent(3);
        event(4, GroupEventType.SYNCED, "c2", 2, List.of(T0, T1));
        assertEquals(0, checker.violations(), checker.messages().toString());
        // c1 rejoins without having learned it was removed: its stale ownership counts again.
        checker.on(GroupEvent.of(5, GroupEventType.JOINED, "g", "c1", 2, null));
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

    @Test
    void strictModeThrowsWithTheSeedAndTheLastEvents() {
        Fixture strict = new Fixture(true, true);
        InvariantViolation v = assertThrows(InvariantViolation.class,
                () -> strict.event(7_000, GroupEventType.PARTITIONS_REVOKED, "c9", 1, List.of(T1)));
        assertTrue(v.getMessage().contains("seed 42") && v.getMessage().contains("t=0.007s") && v.getMessage().contains("replay with --seed 42"),
                v.getMessage());
    }
}
