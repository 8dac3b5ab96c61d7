package io.kgsim.protocol.consumer;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * OffsetFetch as the consumer-protocol client sends it ({@code requireStable}): with its member
 * id and epoch whenever it has an epoch, else a null member id and epoch -1.
 */
public record OffsetFetchRequest(String groupId, String memberId, int memberEpoch, List<TopicPartition> partitions) {
    public OffsetFetchRequest {
        partitions = List.copyOf(partitions);
    }
}
