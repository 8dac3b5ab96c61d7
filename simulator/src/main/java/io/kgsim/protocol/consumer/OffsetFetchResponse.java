package io.kgsim.protocol.consumer;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * The committed offsets asked for (-1 where none was committed), or an error and no offsets:
 * NOT_COORDINATOR, UNKNOWN_MEMBER_ID or STALE_MEMBER_EPOCH.
 */
public record OffsetFetchResponse(Errors error, Map<TopicPartition, Long> offsets) {
    static OffsetFetchResponse error(Errors error) {
        return new OffsetFetchResponse(error, null);
    }
}
