package io.kgsim.protocol.classic;

import org.apache.kafka.common.protocol.Errors;

/** SyncGroup's answer: the member's serialized assignment. */
public record SyncGroupResponse(Errors error, byte[] assignment) {
    public static SyncGroupResponse error(Errors error) {
        return new SyncGroupResponse(error, new byte[0]);
    }
}
