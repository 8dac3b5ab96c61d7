package io.kgsim.protocol.consumer;

import io.kgsim.engine.Timer;
import java.util.List;
import java.util.Objects;

/**
 * A member as its coordinator keeps it ({@code modern.consumer.ConsumerGroupMember}): what its
 * heartbeats told (subscription, rack, rebalance timeout, assignor, instance id) and its current
 * assignment, plus the coordinator's two timers for it.
 */
final class ConsumerGroupMember {
    final String memberId;
    String instanceId;
    /** The request header's client.id: the member's scenario name, which events carry. */
    String clientId;
    String rackId;
    int rebalanceTimeoutMs = -1;
    /** Sorted; empty for a member that has not subscribed yet. */
    List<String> subscribedTopicNames = List.of();
    String serverAssignor;
    CurrentAssignment assignment = CurrentAssignment.NEW_MEMBER;
    /** Fences the member {@code group.consumer.session.timeout.ms} after its last heartbeat. */
    Timer session;
    /** Fences the member if it has not revoked within its rebalance timeout. */
    Timer rebalance;

    ConsumerGroupMember(String memberId) {
        this.memberId = memberId;
    }

    /** A static member's replacement: the old one's subscription, assignment and state under a new id. */
    ConsumerGroupMember replacement(String newMemberId) {
        ConsumerGroupMember m = new ConsumerGroupMember(newMemberId);
        m.instanceId = instanceId;
        m.clientId = clientId;
        m.rackId = rackId;
        m.rebalanceTimeoutMs = rebalanceTimeoutMs;
        m.subscribedTopicNames = subscribedTopicNames;
        m.serverAssignor = serverAssignor;
        m.assignment = assignment.withEpochs(0, 0);
        return m;
    }

    /** A copy to update from a heartbeat: the group keeps the original until the heartbeat cannot fail any more. */
    ConsumerGroupMember copy() {
        ConsumerGroupMember m = replacement(memberId);
        m.assignment = assignment;
        return m;
    }

    /** Takes what a heartbeat updated (the current assignment changes through the group, not here). */
    void takeFieldsFrom(ConsumerGroupMember updated) {
        instanceId = updated.instanceId;
        clientId = updated.clientId;
        rackId = updated.rackId;
        rebalanceTimeoutMs = updated.rebalanceTimeoutMs;
        subscribedTopicNames = updated.subscribedTopicNames;
        serverAssignor = updated.serverAssignor;
    }

    /**
     * The same metadata as {@code other} (what Kafka's {@code ConsumerGroupMemberMetadataValue}
     * record holds): when it differs, a heartbeat writes the member's metadata record.
     */
    boolean sameMetadataAs(ConsumerGroupMember other) {
        return Objects.equals(instanceId, other.instanceId) && Objects.equals(clientId, other.clientId)
                && Objects.equals(rackId, other.rackId) && rebalanceTimeoutMs == other.rebalanceTimeoutMs
                && subscribedTopicNames.equals(other.subscribedTopicNames) && Objects.equals(serverAssignor, other.serverAssignor);
    }

    int memberEpoch() {
        return assignment.memberEpoch();
    }

    boolean isStatic() {
        return instanceId != null;
    }
}
