package io.kgsim.protocol.consumer;

import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;

/**
 * What a consumer-protocol member may send its group coordinator. Every request is answered
 * through its callback at once (the simulated network adds the trip back); nothing is parked,
 * since KIP-848 has no JoinGroup or SyncGroup barrier.
 */
public interface ConsumerGroupRequests {
    /** False while the broker hosting the coordinator is down and no other has taken over. */
    boolean isAvailable();

    /** {@code ConsumerGroupHeartbeat}: join (epoch 0), heartbeat, acknowledge, or leave (-1, -2). */
    void handleHeartbeat(ConsumerGroupHeartbeatRequest request, Consumer<ConsumerGroupHeartbeatResponse> respond);

    /**
     * OffsetCommit: NONE, or NOT_COORDINATOR, GROUP_ID_NOT_FOUND, UNKNOWN_MEMBER_ID or
     * STALE_MEMBER_EPOCH; a refusal commits nothing.
     */
    void handleOffsetCommit(OffsetCommitRequest request, Consumer<Errors> respond);

    /** OffsetFetch, with the member's epoch checked exactly. */
    void handleOffsetFetch(OffsetFetchRequest request, Consumer<OffsetFetchResponse> respond);
}
