package io.kgsim.protocol.consumer;

import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.SimulationException;
import io.kgsim.protocol.OffsetStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.internals.LogContext;
import org.apache.kafka.timeline.SnapshotRegistry;
import org.apache.kafka.timeline.TimelineHashMap;

/**
 * A consumer group's state on its coordinator ({@code modern.consumer.ConsumerGroup}): group
 * epoch, target assignment with its epoch and timestamp, members, and the partition-epoch index
 * that tells who holds each partition. Members are kept sorted by member id, so that whatever
 * iterates them (the assignor's input, timers re-armed at load) does so in one fixed order.
 */
final class ConsumerGroup {
    final String groupId;
    private final Simulation sim;
    private ConsumerGroupState state = ConsumerGroupState.EMPTY;
    /**
     * Kafka 4.4's {@code ModernGroup} constructor sets a new group's epoch to 1 (its target
     * assignment epoch stays 0), so the first join bumps it to 2, as a real broker logs it.
     */
    int groupEpoch = 1;
    int assignmentEpoch;
    /**
     * Kafka's assignment timestamp when no computation counts: a new or emptied group, whose next
     * change computes at once. Kafka writes 0 (a wall clock is never 0); kgsim's virtual clock
     * starts at 0, so a computation at t=0 must not read as none.
     */
    static final long NO_ASSIGNMENT_TIMESTAMP = -1;
    /** When the target was last computed (virtual ms), or {@link #NO_ASSIGNMENT_TIMESTAMP}. */
    long assignmentTimestampMs = NO_ASSIGNMENT_TIMESTAMP;
    long metadataHash;
    /** The cluster metadata version the hash was computed at; -1 forces a check (after a load). */
    int metadataVersion = -1;
    /** The cluster metadata the target was computed from; null before the first computation. */
    org.apache.kafka.common.Cluster targetMetadata;
    /** The last group epoch announced as completed, so that each epoch completes once. */
    int lastCompletedEpoch = -1;
    private final SortedMap<String, ConsumerGroupMember> members = new TreeMap<>();
    /**
     * The members in the coordinator's own order: Kafka keeps a group's members in a
     * {@code TimelineHashMap} and hands them to the assignor in its iteration order (a
     * {@code HashMap} of member ids in between keeps that order among ids of one bucket). Every
     * member record the coordinator replays puts the member (its join, each change of its metadata
     * or current assignment, the current-assignment tombstone before its removal), and a put of a
     * member already there can still grow and rehash the table, which reorders it: the same class,
     * fed the same puts and removes, iterates alike.
     */
    private final TimelineHashMap<String, ConsumerGroupMember> coordinatorOrder =
            new TimelineHashMap<>(new SnapshotRegistry(new LogContext()), 0);
    /** group.instance.id -> member; looked up, never iterated. */
    private final Map<String, ConsumerGroupMember> staticMembers = new HashMap<>();
    /** The target of each member for {@link #assignmentEpoch}; looked up, never iterated. */
    private final Map<String, List<TopicPartition>> target = new HashMap<>();
    /**
     * The same targets as the coordinator keeps them to hand to the assignor next time, rebuilt
     * from the records it wrote (a member whose target did not change keeps its old one):
     * the assignor goes through them in their own iteration order. Looked up, never iterated.
     */
    private final Map<String, KafkaCoordinatorAdapter.StoredTarget> storedTarget = new HashMap<>();
    /** Partition -> epoch of the member holding it (assigned or pending revocation); absent: free. */
    private final Map<TopicPartition, Integer> partitionEpochs = new HashMap<>();
    /** Members not STABLE at the assignment epoch: counted, so a heartbeat need not walk the group. */
    private int unreconciled;
    final OffsetStore offsets = new OffsetStore();

    ConsumerGroup(String groupId, Simulation sim) {
        this.groupId = groupId;
        this.sim = sim;
    }

    ConsumerGroupState state() {
        return state;
    }

    /** {@code ConsumerGroup.maybeUpdateGroupState}: the state the group's data says it is in. */
    ConsumerGroupState derivedState() {
        if (members.isEmpty()) {
            return ConsumerGroupState.EMPTY;
        }
        if (groupEpoch > assignmentEpoch) {
            return ConsumerGroupState.ASSIGNING;
        }
        return unreconciled > 0 ? ConsumerGroupState.RECONCILING : ConsumerGroupState.STABLE;
    }

    /** Moves to {@code next}, failing the run (with seed and virtual time) on a transition Kafka never makes. */
    void transitionTo(ConsumerGroupState next) {
        if (next == state) {
            return;
        }
        if (!next.canFollow(state)) {
            throw failure("group " + groupId + " cannot go from " + state + " to " + next + " (group epoch " + groupEpoch
                    + ", assignment epoch " + assignmentEpoch + ")");
        }
        state = next;
    }

    SimulationException failure(String message) {
        return new SimulationException(sim.seed(), sim.now(), new IllegalStateException(message + " at t=" + Durations.format(sim.now())));
    }

    // ---------------------------------------------------------------- members

    Collection<ConsumerGroupMember> members() {
        return members.values();
    }

    /** A member record was written for {@code m} (metadata or current assignment): the coordinator's replay puts it. */
    void memberRecordWritten(ConsumerGroupMember m) {
        coordinatorOrder.put(m.memberId, m);
    }

    /** The members in the order Kafka's coordinator iterates them ({@link #coordinatorOrder}). */
    Collection<ConsumerGroupMember> membersInCoordinatorOrder() {
        return coordinatorOrder.values();
    }

    int size() {
        return members.size();
    }

    ConsumerGroupMember member(String memberId) {
        return memberId == null ? null : members.get(memberId);
    }

    ConsumerGroupMember staticMember(String instanceId) {
        return instanceId == null ? null : staticMembers.get(instanceId);
    }

    /** Adds a member with its current assignment (a new one holds nothing; a replacement what the old held). */
    void add(ConsumerGroupMember m) {
        members.put(m.memberId, m);
        coordinatorOrder.put(m.memberId, m);   // its member metadata record
        if (m.isStatic()) {
            staticMembers.put(m.instanceId, m);
        }
        hold(m, m.assignment);
        if (!m.assignment.isReconciledTo(assignmentEpoch)) {
            unreconciled++;
        }
    }

    /** Removes a member: its partitions are free at once and its target is dropped. */
    void remove(ConsumerGroupMember m) {
        members.remove(m.memberId);
        coordinatorOrder.put(m.memberId, m);   // its current-assignment tombstone updates it (epoch -1)...
        coordinatorOrder.remove(m.memberId);   // ...its member metadata tombstone removes it
        if (m.isStatic() && staticMembers.get(m.instanceId) == m) {
            staticMembers.remove(m.instanceId);
        }
        release(m, m.assignment);
        if (!m.assignment.isReconciledTo(assignmentEpoch)) {
            unreconciled--;
        }
        target.remove(m.memberId);
        storedTarget.remove(m.memberId);
    }

    /** A static member's replacement takes the old one's place, target included (no epoch bump). */
    void replace(ConsumerGroupMember old, ConsumerGroupMember replacement) {
        List<TopicPartition> oldTarget = target.get(old.memberId);
        KafkaCoordinatorAdapter.StoredTarget oldStored = storedTarget.get(old.memberId);
        remove(old);
        add(replacement);
        if (oldTarget != null) {
            target.put(replacement.memberId, oldTarget);
        }
        if (oldStored != null) {
            storedTarget.put(replacement.memberId, oldStored);
        }
    }

    /**
     * The member's new current assignment. The partition-epoch index moves with it; a partition
     * another member still holds is Kafka's "two owners" (its {@code addPartitionEpochs} throws)
     * and fails the run.
     */
    void updateAssignment(ConsumerGroupMember m, CurrentAssignment next) {
        if (!next.state().canFollow(m.assignment.state())) {
            throw failure("member " + m.memberId + " of group " + groupId + " cannot go from " + m.assignment.state() + " to " + next.state());
        }
        boolean wasReconciled = m.assignment.isReconciledTo(assignmentEpoch);
        release(m, m.assignment);
        hold(m, next);
        m.assignment = next;
        memberRecordWritten(m);
        unreconciled += (wasReconciled ? 1 : 0) - (next.isReconciledTo(assignmentEpoch) ? 1 : 0);
    }

    private void hold(ConsumerGroupMember m, CurrentAssignment a) {
        hold(m, a.assigned().keySet(), a.memberEpoch());
        hold(m, a.pendingRevocation().keySet(), a.memberEpoch());
    }

    private void hold(ConsumerGroupMember m, Collection<TopicPartition> partitions, int epoch) {
        for (TopicPartition tp : partitions) {
            Integer previous = partitionEpochs.putIfAbsent(tp, epoch);
            if (previous != null) {
                throw failure("partition " + tp + " given to member " + m.memberId + " (" + m.clientId + ") at epoch " + epoch
                        + " of group " + groupId + " while another member still holds it at epoch " + previous);
            }
        }
    }

    private void release(ConsumerGroupMember m, CurrentAssignment a) {
        for (TopicPartition tp : a.assigned().keySet()) {
            partitionEpochs.remove(tp, a.memberEpoch());
        }
        for (TopicPartition tp : a.pendingRevocation().keySet()) {
            partitionEpochs.remove(tp, a.memberEpoch());
        }
    }

    /** The epoch of the member holding {@code tp}, or -1 when it is free ({@code currentPartitionEpoch}). */
    int partitionEpoch(TopicPartition tp) {
        Integer e = partitionEpochs.get(tp);
        return e == null ? -1 : e;
    }

    // ---------------------------------------------------------------- target assignment

    /** The member's target for the assignment epoch (empty for a member the target does not know yet). */
    List<TopicPartition> target(String memberId) {
        return target.getOrDefault(memberId, List.of());
    }

    /** A copy of every member's target as the coordinator keeps it, for the assignor's "previous target" input. */
    Map<String, KafkaCoordinatorAdapter.StoredTarget> storedTargets() {
        return new HashMap<>(storedTarget);
    }

    /**
     * A new target for {@code epoch}, computed at {@code timestampMs} from {@code metadata}: every
     * member must reconcile again.
     */
    void setTarget(KafkaCoordinatorAdapter.ComputedTarget newTarget, int epoch, long timestampMs, org.apache.kafka.common.Cluster metadata) {
        targetMetadata = metadata;
        target.clear();
        target.putAll(newTarget.partitions());
        storedTarget.keySet().retainAll(newTarget.partitions().keySet());
        storedTarget.putAll(newTarget.written());
        setAssignmentEpoch(epoch, timestampMs);
    }

    /** The target metadata record: assignment epoch and timestamp (none when the group became empty). */
    void setAssignmentEpoch(int epoch, long timestampMs) {
        assignmentEpoch = epoch;
        assignmentTimestampMs = timestampMs;
        unreconciled = 0;
        for (ConsumerGroupMember m : members.values()) {
            if (!m.assignment.isReconciledTo(epoch)) {
                unreconciled++;
            }
        }
    }

    /** Every subscribed topic name of the members, sorted (the metadata hash covers these). */
    List<String> subscribedTopics() {
        java.util.TreeSet<String> topics = new java.util.TreeSet<>();
        for (ConsumerGroupMember m : members.values()) {
            topics.addAll(m.subscribedTopicNames);
        }
        return new ArrayList<>(topics);
    }

    /** The members' scenario names, sorted: what rebalance-completed lists. */
    List<String> memberNames() {
        List<String> names = new ArrayList<>();
        for (ConsumerGroupMember m : members.values()) {
            names.add(m.clientId);
        }
        names.sort(null);
        return names;
    }
}
