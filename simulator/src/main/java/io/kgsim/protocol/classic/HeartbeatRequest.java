package io.kgsim.protocol.classic;

/** Heartbeat: who, and for which generation. */
public record HeartbeatRequest(String groupId, String memberId, String groupInstanceId, int generationId) {
}
