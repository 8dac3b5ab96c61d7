package io.kgsim.protocol.consumer;

import java.util.SortedMap;
import org.apache.kafka.common.TopicPartition;

/**
 * OffsetCommit (v9+) as a consumer-protocol member sends it: the next offset to consume per
 * partition, under the member epoch the client heard last ({@code generationIdOrMemberEpoch};
 * -1 once it has left). {@code sentUs} is not on Kafka's wire: it tells the invariant checker
 * when the member sent it.
 */
public record OffsetCommitRequest(String groupId, String clientId, String memberId, int memberEpoch,
                                  SortedMap<TopicPartition, Long> offsets, long sentUs) {
}
