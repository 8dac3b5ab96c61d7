package io.kgsim.protocol.classic;

import io.kgsim.engine.RandomStreams;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The member ids a coordinator hands out: {@code clientId-<uuid>} (or {@code groupInstanceId-<uuid>}
 * for a static member) as the broker builds them ({@code ClassicGroup.generateMemberId}), with
 * the uuid derived from the seed, the group, the client and how many ids that client was given
 * (Kafka draws a random uuid; a run must replay from its seed).
 *
 * <p>A scenario may fix the ids instead (to replay a real run's): the n-th id handed to a client
 * is then the n-th of its fixed list, and once the list runs out the ids are derived as above,
 * numbered as if the fixed ones had been derived too. An id is handed out on each JoinGroup
 * without a member id: a new process's first join, and a rejoin after the member lost its id.
 */
final class MemberIds {
    private final long seed;
    /** By client id (in kgsim the member's name): the fixed ids in the order handed out. */
    private final Function<String, List<String>> fixed;
    /** Ids issued per group and client; looked up, never iterated. */
    private final Map<String, Integer> issued = new HashMap<>();

    MemberIds(long seed) {
        this(seed, clientId -> List.of());
    }

    MemberIds(long seed, Function<String, List<String>> fixed) {
        this.seed = seed;
        this.fixed = fixed;
    }

    String next(String groupId, String clientId) {
        String key = groupId + "/" + clientId;
        int n = issued.merge(key, 1, Integer::sum);
        List<String> given = fixed.apply(clientId);
        if (n <= given.size()) {
            return given.get(n - 1);
        }
        long hi = RandomStreams.derive(seed, "member-id/" + key + "/" + n);
        long lo = RandomStreams.derive(seed, "member-id-lo/" + key + "/" + n);
        return clientId + "-" + new UUID(hi, lo);
    }
}
