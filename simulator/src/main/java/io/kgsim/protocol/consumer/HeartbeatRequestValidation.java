package io.kgsim.protocol.consumer;

import java.util.function.Predicate;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnsupportedAssignorException;

/**
 * The checks {@code GroupCoordinatorService.throwIfConsumerGroupHeartbeatRequestIsInvalid} makes
 * before a heartbeat reaches the group (v1: the client always sends its own member id).
 */
final class HeartbeatRequestValidation {
    private HeartbeatRequestValidation() {
    }

    static void throwIfInvalid(ConsumerGroupHeartbeatRequest r, Predicate<String> supportedAssignor) {
        throwIfEmpty(r.memberId(), "MemberId can't be empty.");
        throwIfEmpty(r.groupId(), "GroupId can't be empty.");
        if ("".equals(r.instanceId())) {
            throw new InvalidRequestException("InstanceId can't be empty.");
        }
        if ("".equals(r.rackId())) {
            throw new InvalidRequestException("RackId can't be empty.");
        }
        if (r.memberEpoch() == 0) {
            if (r.rebalanceTimeoutMs() == -1) {
                throw new InvalidRequestException("RebalanceTimeoutMs must be provided in first request.");
            }
            if (r.ownedTopicPartitions() == null || !r.ownedTopicPartitions().isEmpty()) {
                throw new InvalidRequestException("TopicPartitions must be empty when (re-)joining.");
            }
            if (r.subscribedTopicNames() == null) {
                throw new InvalidRequestException("Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.");
            }
        } else if (r.memberEpoch() == ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH && r.instanceId() == null) {
            throw new InvalidRequestException("InstanceId can't be null.");
        } else if (r.memberEpoch() < ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
            throw new InvalidRequestException("MemberEpoch is invalid.");
        }
        if (r.serverAssignor() != null && !supportedAssignor.test(r.serverAssignor())) {
            throw new UnsupportedAssignorException("ServerAssignor " + r.serverAssignor() + " is not supported.");
        }
    }

    private static void throwIfEmpty(String value, String message) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(message);
        }
    }
}
