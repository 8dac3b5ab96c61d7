package io.kgsim.protocol.classic;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * The requests a classic member sends its group coordinator, each answered through its callback
 * (the member's {@link io.kgsim.protocol.CoordinatorChannel} carries both ways).
 * {@link ClassicGroupCoordinator} answers them as the broker's {@code GroupMetadataManager}
 * does; a test scripts the answers to drive the member's state machine by hand.
 */
public interface ClassicGroupRequests {
    /** Would FindCoordinator name a coordinator now (its broker is up and loaded)? */
    boolean isAvailable();

    void handleJoinGroup(JoinGroupRequest req, Consumer<JoinGroupResponse> respond);

    void handleSyncGroup(SyncGroupRequest req, Consumer<SyncGroupResponse> respond);

    void handleHeartbeat(HeartbeatRequest req, Consumer<Errors> respond);

    void handleLeaveGroup(LeaveGroupRequest req, Consumer<Errors> respond);

    void handleOffsetCommit(OffsetCommitRequest req, Consumer<Errors> respond);

    /** OffsetFetch: the committed offset of each partition (-1 where none), null if the coordinator is not available. */
    void handleOffsetFetch(String groupId, List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> respond);
}
