package io.kgsim.protocol.classic;

import java.util.List;

/**
 * JoinGroup (v9 as the 4.x client sends it). {@code memberId} is empty on a first join;
 * {@code clientId} is the member's scenario name, used only to name ids and trace lines.
 */
public record JoinGroupRequest(
        String groupId,
        String memberId,
        String groupInstanceId,
        String clientId,
        int sessionTimeoutMs,
        int rebalanceTimeoutMs,
        List<Protocol> protocols,
        String reason) {
}
