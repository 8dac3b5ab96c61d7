package io.kgsim.invariant;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** What an invariant checker may ask about a group, without touching protocol objects. */
public interface GroupView {
    String groupId();

    /** Partitions of the topics the group subscribes to. */
    List<TopicPartition> subscribedPartitions();

    /**
     * The coordinator is Stable and every member it knows is alive and settled at the group's
     * generation (synced, nothing left to revoke or rejoin).
     */
    boolean isSettled();

    /** True when no partition may be owned by two members at once (cooperative protocols). */
    boolean isCooperative();
}
