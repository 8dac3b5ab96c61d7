package io.kgsim.protocol.consumer;

import io.kgsim.cluster.Partitions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A member's current assignment on the coordinator ({@code ConsumerGroupCurrentMemberAssignment}):
 * its reconciliation state, epochs, the partitions it holds with the epoch each was assigned at
 * (KIP-1251), and those it must still revoke. Immutable: a reconciliation yields a new one, and
 * "did anything change" is an equality test, as in Kafka.
 */
public record CurrentAssignment(
        ConsumerGroupMemberState state,
        int memberEpoch,
        int previousMemberEpoch,
        SortedMap<TopicPartition, Integer> assigned,
        SortedMap<TopicPartition, Integer> pendingRevocation) {

    /** A new member: epoch 0, previous epoch -1, STABLE with nothing (Kafka's {@code Builder} defaults). */
    public static final CurrentAssignment NEW_MEMBER = new CurrentAssignment(ConsumerGroupMemberState.STABLE, 0, -1,
            new TreeMap<>(Partitions.ORDER), new TreeMap<>(Partitions.ORDER));

    public CurrentAssignment {
        assigned = Collections.unmodifiableSortedMap(copy(assigned));
        pendingRevocation = Collections.unmodifiableSortedMap(copy(pendingRevocation));
    }

    private static SortedMap<TopicPartition, Integer> copy(Map<TopicPartition, Integer> m) {
        SortedMap<TopicPartition, Integer> c = new TreeMap<>(Partitions.ORDER);
        c.putAll(m);
        return c;
    }

    /** The assigned partitions, sorted: what a heartbeat response lists. */
    public List<TopicPartition> assignedPartitions() {
        return List.copyOf(assigned.keySet());
    }

    /** STABLE at {@code epoch}: {@code ModernGroupMember.isReconciledTo}. */
    public boolean isReconciledTo(int epoch) {
        return state == ConsumerGroupMemberState.STABLE && memberEpoch == epoch;
    }

    /** The same with other epochs (a static member's temporary leave, its replacement). */
    CurrentAssignment withEpochs(int memberEpoch, int previousMemberEpoch) {
        return new CurrentAssignment(state, memberEpoch, previousMemberEpoch, assigned, pendingRevocation);
    }

    /**
     * A static member leaving with -2 ({@code consumerGroupStaticMemberGroupLeave}): epoch -2,
     * pending revocation released, assigned partitions kept with their assignment epochs reset
     * to 0; state and previous epoch unchanged.
     */
    CurrentAssignment temporarilyLeft() {
        SortedMap<TopicPartition, Integer> zeroed = new TreeMap<>(Partitions.ORDER);
        for (TopicPartition tp : assigned.keySet()) {
            zeroed.put(tp, 0);
        }
        return new CurrentAssignment(state, ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH, previousMemberEpoch,
                zeroed, new TreeMap<>(Partitions.ORDER));
    }
}
