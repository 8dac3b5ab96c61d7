package io.kgsim.invariant;

import io.kgsim.protocol.Epoch;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** What an invariant checker may ask about a group, without touching protocol objects. */
public interface GroupView {
    String groupId();

    /**
     * The partitions a settled group must own: those of the topics its members subscribe to, as
     * the metadata of the group's last assignment had them (partitions added since are not
     * known to the group until its leader refreshes its metadata).
     */
    List<TopicPartition> assignablePartitions();

    /**
     * No rebalance is under way at the coordinator and every member it knows is alive and
     * settled at the group's generation or epoch (it holds that assignment, nothing left to
     * revoke or rejoin).
     */
    boolean isSettled();

    /** The coordinator's current generation (classic) or group epoch (consumer). */
    Epoch epoch();

    /** True when no partition may be owned by two members at once (cooperative protocols). */
    boolean isCooperative();

    /**
     * Is {@code member}'s current process a member the coordinator knows? A removal that names a
     * member whose current process the coordinator still has concerned an earlier process of it
     * (a restart gets a new member id, and the old one's session expires later).
     */
    default boolean isCurrentMember(String member) {
        return false;
    }
}
