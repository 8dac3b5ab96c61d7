package io.kgsim.protocol.consumer;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * The coordinator's answer to a {@code ConsumerGroupHeartbeat}.
 *
 * @param error               NONE, or why the heartbeat was refused (then only {@code memberId} is set)
 * @param errorMessage        the broker's message for the error, or null
 * @param memberEpoch         the member's epoch now (on a leave: the epoch the member sent)
 * @param heartbeatIntervalMs {@code group.consumer.heartbeat.interval.ms}, on every success
 * @param assignment          the partitions assigned to the member, sorted, or null when unchanged
 *                            since the last answer; never the partitions it must still revoke
 */
public record ConsumerGroupHeartbeatResponse(
        Errors error,
        String errorMessage,
        String memberId,
        int memberEpoch,
        int heartbeatIntervalMs,
        List<TopicPartition> assignment) {

    public ConsumerGroupHeartbeatResponse {
        assignment = assignment == null ? null : List.copyOf(assignment);
    }

    static ConsumerGroupHeartbeatResponse error(Errors error, String message, String memberId) {
        return new ConsumerGroupHeartbeatResponse(error, message, memberId, -1, 0, null);
    }
}
