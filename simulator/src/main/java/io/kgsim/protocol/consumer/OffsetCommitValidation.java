package io.kgsim.protocol.consumer;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * Who may commit and fetch offsets under which epoch ({@code ConsumerGroup.validateOffsetCommit}
 * and {@code validateOffsetFetch}, Kafka 4.4 with KIP-1251).
 */
final class OffsetCommitValidation {
    private OffsetCommitValidation() {
    }

    /**
     * The member's own epoch is accepted for everything; a newer one is STALE_MEMBER_EPOCH; an
     * older one only for partitions the member has held (assigned or pending revocation) since
     * that epoch or before. One partition that fails fails the whole commit: Kafka's validator
     * throws out of the partition loop before any record is written.
     */
    static Errors validate(ConsumerGroup group, String memberId, int memberEpoch, Collection<TopicPartition> partitions) {
        if (memberEpoch < 0 && group.size() == 0) {
            return Errors.NONE;
        }
        ConsumerGroupMember m = group.member(memberId);
        if (m == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        int current = m.memberEpoch();
        if (memberEpoch == current) {
            return Errors.NONE;
        }
        if (memberEpoch > current) {
            return Errors.STALE_MEMBER_EPOCH;
        }
        for (TopicPartition tp : partitions) {
            Integer assignedAt = m.assignment.assigned().get(tp);
            if (assignedAt == null) {
                assignedAt = m.assignment.pendingRevocation().get(tp);
            }
            if (assignedAt == null || memberEpoch < assignedAt) {
                return Errors.STALE_MEMBER_EPOCH;
            }
        }
        return Errors.NONE;
    }

    /** OffsetFetch with a member id or an epoch: the member must exist and the epoch match exactly. */
    static Errors validateFetch(ConsumerGroup group, String memberId, int memberEpoch) {
        if (memberId == null && memberEpoch < 0) {
            return Errors.NONE;
        }
        ConsumerGroupMember m = group.member(memberId);
        if (m == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        return memberEpoch == m.memberEpoch() ? Errors.NONE : Errors.STALE_MEMBER_EPOCH;
    }
}
