package io.kgsim.assignor;

import io.kgsim.cluster.Partitions;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;

/**
 * The classic leader's assignment step, as {@code ConsumerCoordinator.onLeaderElected} does it:
 * subscriptions are deserialized from the bytes each member sent (so user data and owned
 * partitions travel exactly as in production, and an assignor never gets its own objects back),
 * the leader's own assignor instance is called with the leader's full metadata {@link Cluster},
 * a cooperative result is validated, and each assignment is serialized for SyncGroup.
 */
public final class ClassicLeaderAssignment {
    private ClassicLeaderAssignment() {
    }

    /** A member as the JoinGroup response lists it. */
    public record Member(String memberId, String groupInstanceId, byte[] metadata) {
    }

    /** The serialized assignments per member id, and the call as observers see it. */
    public record Result(Map<String, byte[]> assignments, Map<String, Subscription> subscriptions, GroupAssignment groupAssignment) {
    }

    /**
     * The assignor (or the client's cooperative validation) threw. {@code AbstractCoordinator}
     * catches any {@code RuntimeException} out of {@code onLeaderElected} and fails the join
     * future with it; {@code joinGroupIfNeeded} then requests a rejoin and, unless the exception
     * is retriable, rethrows it out of {@code poll()} to the application. The cause is the
     * assignor's own exception.
     */
    public static final class AssignorFailed extends RuntimeException {
        AssignorFailed(RuntimeException cause) {
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * @throws AssignorFailed when the assignor or the cooperative validation throws, as the real
     *         leader's {@code onLeaderElected} would
     */
    public static Result perform(ConsumerPartitionAssignor assignor, RebalanceProtocol protocol, Cluster cluster, List<Member> members) {
        // Kafka builds a HashMap keyed by member id; String hashing is fixed, so its order is too.
        Map<String, Subscription> subscriptions = new HashMap<>();
        for (Member m : members) {
            Subscription s = ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(m.metadata()));
            s.setGroupInstanceId(Optional.ofNullable(m.groupInstanceId()));
            subscriptions.put(m.memberId(), s);
        }
        GroupAssignment ga;
        try {
            ga = assignor.assign(cluster, new GroupSubscription(subscriptions));
            if (protocol == RebalanceProtocol.COOPERATIVE && !"cooperative-sticky".equals(assignor.name())) {
                validateCooperativeAssignment(subscriptions, ga.groupAssignment());
            }
        } catch (RuntimeException e) {
            throw new AssignorFailed(e);
        }
        Map<String, byte[]> out = new HashMap<>();
        for (Member m : members) {
            Assignment a = ga.groupAssignment().get(m.memberId());
            if (a == null) {
                a = new Assignment(List.of());
            }
            ByteBuffer buf = ConsumerProtocol.serializeAssignment(a);
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            out.put(m.memberId(), bytes);
        }
        return new Result(out, subscriptions, ga);
    }

    /**
     * KIP-429's rule the client enforces for user assignors: a partition may not be revoked from
     * one member and given to another in the same rebalance; it must first be revoked.
     */
    static void validateCooperativeAssignment(Map<String, Subscription> subscriptions, Map<String, Assignment> assignments) {
        Set<TopicPartition> added = new HashSet<>();
        Set<TopicPartition> revoked = new HashSet<>();
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            List<TopicPartition> owned = e.getValue().ownedPartitions();
            Assignment a = assignments.get(e.getKey());
            List<TopicPartition> assigned = a == null ? List.of() : a.partitions();
            for (TopicPartition tp : assigned) {
                if (!owned.contains(tp)) {
                    added.add(tp);
                }
            }
            for (TopicPartition tp : owned) {
                if (!assigned.contains(tp)) {
                    revoked.add(tp);
                }
            }
        }
        added.retainAll(revoked);
        if (!added.isEmpty()) {
            throw new IllegalStateException("the cooperative assignor moved partitions directly from one member to another without revoking them first: "
                    + Partitions.sorted(added));
        }
    }
}
