package io.kgsim.protocol.consumer;

import io.kgsim.engine.RandomStreams;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * The member id a consumer-protocol client makes for itself (KIP-1082): a Kafka {@link Uuid}
 * as {@code Uuid.randomUuid().toString()} prints it, drawn once per consumer instance and kept
 * across fencing, poll timeouts and rejoins. A restarted process is a new consumer instance and
 * so a new member id. kgsim derives it from the seed, the group, the member's name and the
 * process's incarnation, so that a run replays from its seed.
 *
 * <p>A scenario may fix the ids instead (to replay a real run's): the n-th process takes the n-th
 * fixed id; once the list runs out, ids are derived as above.
 */
final class ClientMemberIds {
    private ClientMemberIds() {
    }

    /** The id of the member's {@code incarnation}-th process (from 1): the fixed one if there is one, else derived. */
    static String of(long seed, String groupId, String name, int incarnation, List<String> fixed) {
        return incarnation <= fixed.size() ? fixed.get(incarnation - 1) : of(seed, groupId, name, incarnation);
    }

    static String of(long seed, String groupId, String name, int incarnation) {
        String key = groupId + "/" + name + "/" + incarnation;
        long hi = RandomStreams.derive(seed, "consumer-member-id/" + key);
        long lo = RandomStreams.derive(seed, "consumer-member-id-lo/" + key);
        Uuid id = new Uuid(hi, lo);
        // Kafka's randomUuid never returns its reserved ids (ZERO, the metadata topic's), nor one
        // that starts with '-' (it would read as a command-line flag).
        for (int retry = 1; id.equals(Uuid.ZERO_UUID) || id.equals(Uuid.METADATA_TOPIC_ID) || id.toString().startsWith("-"); retry++) {
            // The first character comes from hi's top bits: draw both again.
            id = new Uuid(RandomStreams.derive(seed, "consumer-member-id/" + key + "/" + retry),
                    RandomStreams.derive(seed, "consumer-member-id-lo/" + key + "/" + retry));
        }
        return id.toString();
    }
}
