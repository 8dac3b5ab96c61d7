package io.kgsim.protocol.classic;

import io.kgsim.engine.RandomStreams;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The member ids a coordinator hands out: {@code clientId-<uuid>} as the broker builds them, with
 * the uuid derived from the seed, the group, the client and how many ids that client was given
 * (Kafka draws a random uuid; a run must replay from its seed).
 */
final class MemberIds {
    private final long seed;
    /** Ids issued per group and client; looked up, never iterated. */
    private final Map<String, Integer> issued = new HashMap<>();

    MemberIds(long seed) {
        this.seed = seed;
    }

    String next(String groupId, String clientId) {
        String key = groupId + "/" + clientId;
        int n = issued.merge(key, 1, Integer::sum);
        long hi = RandomStreams.derive(seed, "member-id/" + key + "/" + n);
        long lo = RandomStreams.derive(seed, "member-id-lo/" + key + "/" + n);
        return clientId + "-" + new UUID(hi, lo);
    }
}
