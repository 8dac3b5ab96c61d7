package io.kgsim.metrics;

import io.kgsim.protocol.OffsetStore;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** What the time-series sampler reads from a running group, at one instant. */
public interface GroupProbe {
    String groupId();

    List<TopicPartition> subscribedPartitions();

    /** The live committed offset of {@code tp} (-1 when none), looked up once by samplers. */
    OffsetStore.Committed committedSlot(TopicPartition tp);
}
