package io.kgsim.protocol.classic;

/** OffsetCommit as a group member sends it; offsets join when the data plane does. */
public record OffsetCommitRequest(String groupId, String memberId, String groupInstanceId, int generationId) {
}
