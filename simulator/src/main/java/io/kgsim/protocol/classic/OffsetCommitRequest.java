package io.kgsim.protocol.classic;

import java.util.SortedMap;
import org.apache.kafka.common.TopicPartition;

/**
 * OffsetCommit as a group member sends it: the next offset to consume, per partition.
 * {@code sentUs} is not on Kafka's wire: it tells the invariant checker when the member sent it.
 */
public record OffsetCommitRequest(String groupId, String memberId, String groupInstanceId, String clientId, int generationId,
                                  SortedMap<TopicPartition, Long> offsets, long sentUs) {
}
