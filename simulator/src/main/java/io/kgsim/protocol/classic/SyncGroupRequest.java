package io.kgsim.protocol.classic;

import java.util.Map;

/** SyncGroup: followers send no assignments; the leader sends one per member id. */
public record SyncGroupRequest(String groupId, String memberId, String groupInstanceId, int generationId, Map<String, byte[]> assignments) {
}
