package io.kgsim.protocol.classic;

import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/** JoinGroup's answer; {@code members} is filled only for the leader. */
public record JoinGroupResponse(
        Errors error,
        int generationId,
        String protocolName,
        String leader,
        String memberId,
        boolean skipAssignment,
        List<JoinedMember> members) {

    public static JoinGroupResponse error(Errors error, String memberId) {
        return new JoinGroupResponse(error, -1, null, "", memberId, false, List.of());
    }

    public boolean isLeader() {
        return memberId.equals(leader);
    }

    /** A member as the leader sees it: id, instance id and its metadata for the chosen protocol. */
    public record JoinedMember(String memberId, String groupInstanceId, byte[] metadata) {
    }
}
