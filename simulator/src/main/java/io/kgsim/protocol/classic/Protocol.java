package io.kgsim.protocol.classic;

import java.util.Arrays;

/** One entry of a JoinGroup's protocol list: an assignor name and the serialized subscription. */
public record Protocol(String name, byte[] metadata) {
    /** Kafka compares protocol lists by name and metadata bytes ({@code ClassicGroupMember.matches}). */
    public boolean sameAs(Protocol o) {
        return name.equals(o.name) && Arrays.equals(metadata, o.metadata);
    }
}
