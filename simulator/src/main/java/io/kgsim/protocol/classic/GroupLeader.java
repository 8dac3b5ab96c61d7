package io.kgsim.protocol.classic;

import io.kgsim.assignor.ClassicLeaderAssignment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;

/**
 * A member's metadata and, when it leads its group, what it assigned from: the parts of
 * {@code ConsumerCoordinator} behind {@code onLeaderElected} ({@code performAssignment}) and
 * {@code rejoinNeededOrPending} (the leader's {@code assignmentSnapshot} against its
 * {@code metadataSnapshot}). The leader assigns from its own metadata, which may be up to
 * {@code metadata.max.age.ms} old.
 */
final class GroupLeader {
    /** The member's metadata ({@code metadataSnapshot}), refreshed every {@code metadata.max.age.ms}. */
    private Cluster metadata;
    /** Partition counts of the group's topics in the metadata the last assignment used (leader only). */
    private Map<String, Integer> assignmentSnapshot;
    private boolean isLeader;
    /** Topics subscribed by any member at the last assignment this member made as leader ({@code groupSubscription}). */
    private Set<String> groupSubscription = new TreeSet<>();
    /** The members the last assignment was made for, as the JoinGroup response listed them. */
    private List<ClassicLeaderAssignment.Member> lastMembers = List.of();

    /** A new process: its metadata is fetched at start, it leads nothing yet. */
    void reset(Cluster current) {
        isLeader = false;
        assignmentSnapshot = null;
        metadata = current;
    }

    void refresh(Cluster current) {
        metadata = current;
    }

    Cluster metadata() {
        return metadata;
    }

    void elected(boolean leader) {
        this.isLeader = leader;
    }

    /**
     * {@code rejoinNeededOrPending}: the leader's metadata no longer has the partition counts it
     * assigned from (partitions were added), so it asks for a rebalance.
     */
    boolean partitionsChangedSinceAssignment() {
        return isLeader && assignmentSnapshot != null && !assignmentSnapshot.equals(partitionCounts(metadata));
    }

    /** Does this member's metadata know every one of {@code partitions} (and so its leader)? */
    boolean knowsAll(List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Integer n = metadata.partitionCountForTopic(tp.topic());
            if (n == null || tp.partition() >= n) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Integer> partitionCounts(Cluster view) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String t : groupSubscription) {
            Integer n = view.partitionCountForTopic(t);
            counts.put(t, n == null ? 0 : n);
        }
        return counts;
    }

    /**
     * {@code ConsumerCoordinator.onLeaderElected}: runs the chosen assignor over every member's
     * subscription with this member's metadata, and remembers what it assigned from.
     *
     * @throws ClassicLeaderAssignment.AssignorFailed when the assignor throws
     */
    ClassicLeaderAssignment.Result performAssignment(JoinGroupResponse resp, ConsumerPartitionAssignor assignor,
                                                     RebalanceProtocol protocol) {
        List<ClassicLeaderAssignment.Member> members = new ArrayList<>();
        for (JoinGroupResponse.JoinedMember m : resp.members()) {
            members.add(new ClassicLeaderAssignment.Member(m.memberId(), m.groupInstanceId(), m.metadata()));
        }
        groupSubscription = new TreeSet<>();
        for (ClassicLeaderAssignment.Member m : members) {
            groupSubscription.addAll(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(m.metadata())).topics());
        }
        lastMembers = List.copyOf(members);
        assignmentSnapshot = partitionCounts(metadata);
        return ClassicLeaderAssignment.perform(assignor, protocol, metadata, members);
    }

    /** The members of the last {@link #performAssignment}, for the assignor-call record. */
    List<ClassicLeaderAssignment.Member> lastMembers() {
        return lastMembers;
    }

    /**
     * Why the assignor threw, naming the group's topics whose partitions this member's metadata
     * lacks against the cluster's {@code current} metadata (see {@code ClassicMember.assignorFailed}).
     */
    String failureReason(ClassicLeaderAssignment.AssignorFailed e, Cluster current) {
        StringBuilder reason = new StringBuilder("assignor threw " + e.getMessage());
        StringBuilder stale = new StringBuilder();
        for (String t : groupSubscription) {
            Integer known = metadata.partitionCountForTopic(t);
            Integer actual = current.partitionCountForTopic(t);
            if (actual != null && (known == null || known < actual)) {
                stale.append(stale.length() == 0 ? "" : ", ").append(t).append(' ').append(known == null ? 0 : known)
                        .append(" of ").append(actual);
            }
        }
        if (stale.length() > 0) {
            reason.append(" (").append(ClassicMember.STALE_LEADER_METADATA).append(": ").append(stale).append(')');
        }
        return reason.toString();
    }
}
