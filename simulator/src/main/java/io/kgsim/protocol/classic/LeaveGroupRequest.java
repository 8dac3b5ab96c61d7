package io.kgsim.protocol.classic;

/** LeaveGroup for one member (the consumer sends it on close and on poll timeout). */
public record LeaveGroupRequest(String groupId, String memberId, String groupInstanceId, String reason) {
}
