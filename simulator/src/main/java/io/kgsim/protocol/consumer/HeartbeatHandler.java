package io.kgsim.protocol.consumer;

import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.scenario.ConsumerGroupBrokerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.coordinator.group.api.assignor.PartitionAssignorException;

/**
 * A {@code ConsumerGroupHeartbeat} that is not a leave, step by step as the private
 * {@code GroupMetadataManager.consumerGroupHeartbeat} takes it in Kafka 4.4: find or create the
 * member, check its epoch, update what the request carries, bump the group epoch on a change,
 * compute the target if the assignment interval allows it, reconcile the member, re-arm its
 * session. Every check that can refuse the request comes before the first change, so a refused
 * heartbeat changes nothing (Kafka writes no record and re-arms no session).
 */
final class HeartbeatHandler {
    private final ConsumerGroupCoordinator coordinator;
    private final KafkaCoordinatorAdapter kafka;
    private final ConsumerGroupBrokerConfig config;
    private final Simulation sim;

    /** The member the request names as the coordinator found it, before this heartbeat's changes. */
    private record Found(ConsumerGroupMember member, ConsumerGroupMember replaced, boolean isNew) {
    }

    /**
     * A handled heartbeat: its answer, and whether it wrote records to {@code __consumer_offsets}
     * (a new, replaced or changed member, an epoch bump, a new target, a moved assignment), in
     * which case the coordinator answers once the write commits.
     */
    record Handled(ConsumerGroupHeartbeatResponse response, boolean wrote) {
    }

    /** What the heartbeat decided, applied only once nothing can fail any more. */
    private static final class Decision {
        int groupEpoch;
        String bumpReason;
        boolean metadataChecked;
        long metadataHash;
        KafkaCoordinatorAdapter.ComputedTarget newTarget;
        String assignor;
        int targetEpoch;
        List<TopicPartition> target;
    }

    HeartbeatHandler(Simulation sim, ConsumerGroupCoordinator coordinator, KafkaCoordinatorAdapter kafka, ConsumerGroupBrokerConfig config) {
        this.sim = sim;
        this.coordinator = coordinator;
        this.kafka = kafka;
        this.config = config;
    }

    Handled handle(ConsumerGroupHeartbeatRequest req) {
        ConsumerGroup group = coordinator.existingGroup(req.groupId());
        if (group == null && req.memberEpoch() != 0) {
            throw Errors.GROUP_ID_NOT_FOUND.exception("Group " + req.groupId() + " not found.");
        }
        group = coordinator.group(req.groupId());
        throwIfGroupIsFull(group, req);
        Found found = req.instanceId() == null ? dynamicMember(group, req) : staticMember(group, req);
        ConsumerGroupMember updated = found.member().copy();
        applyRequest(updated, req);
        boolean subscriptionChanged = !updated.subscribedTopicNames.equals(found.member().subscribedTopicNames);
        Decision d = new Decision();
        decideGroupEpoch(group, found, updated, subscriptionChanged, d);
        decideTarget(group, found, updated, d);
        CurrentAssignment next = updated.assignment;
        if (subscriptionChanged || !next.isReconciledTo(d.targetEpoch)) {
            next = kafka.reconcile(updated, d.targetEpoch, d.target, subscriptionChanged, req.ownedTopicPartitions(), group::partitionEpoch);
            if (!next.state().consistentWith(next.pendingRevocation().isEmpty())) {
                throw group.failure("member " + updated.memberId + " reconciled to " + next.state() + " with pending revocation "
                        + next.pendingRevocation().keySet());
            }
        }
        boolean sendAssignment = req.memberEpoch() == 0 || req.isFull() || !next.assigned().equals(found.member().assignment.assigned());
        boolean wrote = found.replaced() != null || found.isNew() || !found.member().sameMetadataAs(updated) || d.bumpReason != null
                || d.newTarget != null || (next != found.member().assignment && !next.equals(found.member().assignment));
        ConsumerGroupMember member = apply(group, found, updated, d, next);
        return new Handled(new ConsumerGroupHeartbeatResponse(Errors.NONE, null, member.memberId, next.memberEpoch(),
                config.heartbeatIntervalMs(), sendAssignment ? next.assignedPartitions() : null), wrote);
    }

    // ---------------------------------------------------------------- finding the member

    /** {@code throwIfConsumerGroupIsFull}: a returning static member always fits. */
    private void throwIfGroupIsFull(ConsumerGroup group, ConsumerGroupHeartbeatRequest req) {
        if (group.staticMember(req.instanceId()) == null && group.size() >= config.maxSize() && group.member(req.memberId()) == null) {
            throw Errors.GROUP_MAX_SIZE_REACHED.exception("The consumer group has reached its maximum capacity of " + config.maxSize() + " members.");
        }
    }

    /** A known member id with epoch 0 keeps its server state (KAFKA-19233); an unknown one is new. */
    private Found dynamicMember(ConsumerGroup group, ConsumerGroupHeartbeatRequest req) {
        ConsumerGroupMember m = group.member(req.memberId());
        if (m == null) {
            if (req.memberEpoch() != 0) {
                throw Errors.UNKNOWN_MEMBER_ID.exception("Member " + req.memberId() + " is not a member of group " + req.groupId() + ".");
            }
            return new Found(new ConsumerGroupMember(req.memberId()), null, true);
        }
        throwIfEpochIsInvalid(m, req);
        return new Found(m, null, false);
    }

    /**
     * {@code getOrMaybeSubscribeStaticConsumerGroupMember}: a join takes over the place of a
     * member that left with -2 (its subscription and partitions, no epoch bump); while that
     * member has not left, the instance id is UNRELEASED, even for the same member id.
     */
    private Found staticMember(ConsumerGroup group, ConsumerGroupHeartbeatRequest req) {
        ConsumerGroupMember existing = group.staticMember(req.instanceId());
        if (req.memberEpoch() == 0) {
            if (existing == null) {
                ConsumerGroupMember m = group.member(req.memberId());
                return m == null ? new Found(new ConsumerGroupMember(req.memberId()), null, true) : new Found(m, null, false);
            }
            if (existing.memberEpoch() != ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
                throw Errors.UNRELEASED_INSTANCE_ID.exception("Static member " + req.memberId() + " with instance id " + req.instanceId()
                        + " cannot join the group because the instance id is owned by " + existing.memberId + " member.");
            }
            return new Found(existing.replacement(req.memberId()), existing, false);
        }
        if (existing == null) {
            throw Errors.UNKNOWN_MEMBER_ID.exception("Instance id " + req.instanceId() + " is unknown.");
        }
        if (!existing.memberId.equals(req.memberId())) {
            throw Errors.FENCED_INSTANCE_ID.exception("Static member " + req.memberId() + " with instance id " + req.instanceId()
                    + " was fenced by member " + existing.memberId + ".");
        }
        throwIfEpochIsInvalid(existing, req);
        return new Found(existing, null, false);
    }

    /**
     * {@code throwIfConsumerGroupMemberEpochIsInvalid}: epoch 0 always passes; a newer epoch is
     * fenced; an older one passes only if it is the previous epoch and the owned partitions are
     * all still assigned (one lost response is tolerated).
     */
    private static void throwIfEpochIsInvalid(ConsumerGroupMember m, ConsumerGroupHeartbeatRequest req) {
        int received = req.memberEpoch();
        int current = m.memberEpoch();
        if (received == 0 || received == current) {
            return;
        }
        if (received > current || received != m.assignment.previousMemberEpoch() || !isSubset(req.ownedTopicPartitions(), m.assignment)) {
            throw Errors.FENCED_MEMBER_EPOCH.exception("The consumer group member has a " + (received > current ? "greater" : "smaller")
                    + " member epoch (" + received + ") than the one known by the group coordinator (" + current
                    + "). The member must abandon all its partitions and rejoin.");
        }
    }

    private static boolean isSubset(List<TopicPartition> owned, CurrentAssignment a) {
        return owned != null && a.assigned().keySet().containsAll(owned);
    }

    private static void applyRequest(ConsumerGroupMember m, ConsumerGroupHeartbeatRequest req) {
        m.clientId = req.clientId();
        if (req.instanceId() != null) {
            m.instanceId = req.instanceId();
        }
        if (req.rackId() != null) {
            m.rackId = req.rackId();
        }
        if (req.rebalanceTimeoutMs() != -1) {
            m.rebalanceTimeoutMs = req.rebalanceTimeoutMs();
        }
        if (req.serverAssignor() != null) {
            m.serverAssignor = req.serverAssignor();
        }
        if (req.subscribedTopicNames() != null) {
            m.subscribedTopicNames = List.copyOf(new TreeSet<>(req.subscribedTopicNames()));
        }
    }

    // ---------------------------------------------------------------- group epoch and target

    /**
     * The group epoch bumps when the member's subscription or the group's preferred assignor
     * changed, or when the subscribed topics' metadata hash changed since it was last checked
     * (checked on a bump and after any cluster metadata change).
     */
    private void decideGroupEpoch(ConsumerGroup group, Found found, ConsumerGroupMember updated, boolean subscriptionChanged, Decision d) {
        d.groupEpoch = group.groupEpoch;
        if (subscriptionChanged) {
            d.bumpReason = found.isNew() ? "member " + updated.clientId + " joined" : "member " + updated.clientId + " changed its subscription";
        } else if ((found.isNew() || found.replaced() != null || !java.util.Objects.equals(updated.serverAssignor, found.member().serverAssignor))
                && !preferredAssignor(group.members()).equals(preferredAssignor(coordinatorView(group, found, updated)))) {
            d.bumpReason = "the group's preferred server assignor changed";
        }
        if (d.bumpReason != null || group.metadataVersion != kafka.metadataVersion()) {
            d.metadataChecked = true;
            TreeSet<String> topics = new TreeSet<>();
            for (ConsumerGroupMember m : coordinatorView(group, found, updated)) {
                topics.addAll(m.subscribedTopicNames);
            }
            d.metadataHash = kafka.metadataHash(topics);
            if (d.bumpReason == null && d.metadataHash != group.metadataHash) {
                d.bumpReason = "the metadata of the subscribed topics changed";
            }
        }
        if (d.bumpReason != null) {
            d.groupEpoch++;
        }
    }

    /**
     * {@code maybeUpdateTargetAssignment}: the target of the group epoch is computed, inline, by
     * the first heartbeat of any member at or after the last computation plus the assignment
     * interval (at once for a new or emptied group); until then members reconcile toward the
     * last target, and a member it does not know gets nothing.
     */
    private void decideTarget(ConsumerGroup group, Found found, ConsumerGroupMember updated, Decision d) {
        long nowMs = sim.now() / Durations.US_PER_MS;
        if (group.assignmentEpoch >= d.groupEpoch || !canComputeNextTargetAssignment(group.assignmentTimestampMs, config.assignmentIntervalMs(), nowMs)) {
            d.targetEpoch = group.assignmentEpoch;
            d.target = group.target(found.replaced() != null ? found.replaced().memberId : updated.memberId);
            return;
        }
        List<ConsumerGroupMember> view = coordinatorView(group, found, updated);
        Map<String, KafkaCoordinatorAdapter.StoredTarget> previous = group.storedTargets();
        if (found.replaced() != null) {
            KafkaCoordinatorAdapter.StoredTarget moved = previous.remove(found.replaced().memberId);
            if (moved != null) {
                previous.put(updated.memberId, moved);
            }
        }
        d.assignor = preferredAssignor(view);
        try {
            d.newTarget = kafka.computeTarget(group.groupId, d.groupEpoch, d.assignor, view, previous);
        } catch (PartitionAssignorException e) {
            throw new UnknownServerException("Failed to compute a new target assignment for epoch " + d.groupEpoch + ": " + e.getMessage(), e);
        }
        d.targetEpoch = d.groupEpoch;
        d.target = d.newTarget.partitions().getOrDefault(updated.memberId, List.of());
    }

    static boolean canComputeNextTargetAssignment(long assignmentTimestampMs, int assignmentIntervalMs, long nowMs) {
        return assignmentTimestampMs == ConsumerGroup.NO_ASSIGNMENT_TIMESTAMP || assignmentIntervalMs == 0 || nowMs >= assignmentTimestampMs + assignmentIntervalMs;
    }

    /**
     * The group's members as they will be after this heartbeat, in the order Kafka's
     * {@code UpdatedMembersAndTargetAssignmentView} gives them to the target builder: the group's
     * members in the coordinator's order, the updated member in its place (a replaced static
     * member's place is dropped), a new member last.
     */
    private static List<ConsumerGroupMember> coordinatorView(ConsumerGroup group, Found found, ConsumerGroupMember updated) {
        List<ConsumerGroupMember> view = new ArrayList<>();
        boolean placed = false;
        for (ConsumerGroupMember m : group.membersInCoordinatorOrder()) {
            if (m == found.replaced()) {
                continue;
            }
            boolean isUpdated = m.memberId.equals(updated.memberId);
            view.add(isUpdated ? updated : m);
            placed |= isUpdated;
        }
        if (!placed) {
            view.add(updated);
        }
        return view;
    }

    /**
     * {@code ConsumerGroup.computePreferredServerAssignor}: the assignor most members name, the
     * first of {@code group.consumer.assignors} when none names one. Ties go to the first maximum
     * in the counts' HashMap order, as Kafka's {@code stream().max} does.
     */
    private String preferredAssignor(Iterable<ConsumerGroupMember> members) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerGroupMember m : members) {
            if (m.serverAssignor != null) {
                counts.merge(m.serverAssignor, 1, Integer::sum);
            }
        }
        Map.Entry<String, Integer> best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > best.getValue()) {
                best = e;
            }
        }
        return best == null ? kafka.defaultAssignor() : best.getKey();
    }

    // ---------------------------------------------------------------- applying the decision

    private ConsumerGroupMember apply(ConsumerGroup group, Found found, ConsumerGroupMember updated, Decision d, CurrentAssignment next) {
        ConsumerGroupMember member = updated;
        if (found.replaced() != null) {
            coordinator.cancelTimers(found.replaced());
            group.replace(found.replaced(), updated);
            coordinator.emit(GroupEvent.member(sim.now(), GroupEventType.MEMBER_REPLACED, group.groupId, updated.clientId,
                    Epoch.consumer(group.groupEpoch, 0), "static-rejoin"));
        } else if (found.isNew()) {
            group.add(updated);
        } else {
            member = found.member();
            if (!member.sameMetadataAs(updated)) {
                group.memberRecordWritten(member);
            }
            member.takeFieldsFrom(updated);
        }
        if (d.metadataChecked) {
            group.metadataHash = d.metadataHash;
            group.metadataVersion = kafka.metadataVersion();
        }
        if (d.bumpReason != null) {
            coordinator.bumpGroupEpoch(group, d.groupEpoch, d.bumpReason);
        }
        if (d.newTarget != null) {
            group.setTarget(d.newTarget, d.groupEpoch, sim.now() / Durations.US_PER_MS, kafka.metadata());
            coordinator.emit(GroupEvent.group(sim.now(), GroupEventType.ASSIGNMENT_COMPUTED, group.groupId, Epoch.consumer(d.groupEpoch, -1), d.assignor));
        }
        if (next != member.assignment && !next.equals(member.assignment)) {
            group.updateAssignment(member, next);
            coordinator.armOrCancelRebalanceTimer(group, member);
        }
        coordinator.armSession(group, member);
        coordinator.updateState(group);
        return member;
    }
}
