package io.kgsim.replay.broker;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Creates and loads `__consumer_offsets` before any measured group exists. Without it the first
 * group's first rebalance also pays for the offsets topic's creation and the group coordinator's
 * loading (its members retry FindCoordinator on COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR for
 * seconds). One offset commit does it: all the topic's partitions are led by the single broker
 * and load together. Admin commits it (OffsetCommit for a group without members) and retries
 * those errors quietly, where a consumer would log a warning for each. The throwaway topic and
 * group are deleted afterwards.
 */
final class OffsetsTopicWarmUp {
    static final String NAME = "kgsim-warm-up";

    private OffsetsTopicWarmUp() {
    }

    static void run(ClusterAdmin admin, Duration timeout) throws InterruptedException {
        admin.createTopics(Map.of(NAME, 1));
        admin.commitOffset(NAME, new TopicPartition(NAME, 0), new OffsetAndMetadata(0));
        admin.deleteGroups(List.of(NAME), timeout);
        admin.deleteTopics(List.of(NAME));
    }
}
