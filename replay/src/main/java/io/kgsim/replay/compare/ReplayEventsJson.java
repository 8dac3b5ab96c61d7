package io.kgsim.replay.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.replay.record.OwnershipEvent;
import io.kgsim.replay.record.Recording;
import java.util.Locale;

/**
 * {@code replay-events.jsonl}: every event of both sides, one JSON object per line, the real run's
 * first then the simulation's, each in time order: {@code side}, {@code t} (ms since scenario
 * time 0), {@code group}, {@code member}, {@code event} (started, assigned, revoked, lost, epoch,
 * closed, killed), {@code partitions}, {@code epoch}, and {@code memberId} (real side only). What
 * the per-step figures of replay.json are computed from, so that anyone can check them.
 */
public final class ReplayEventsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReplayEventsJson() {
    }

    public static String toJsonLines(Recording real, Recording simulated) {
        StringBuilder out = new StringBuilder();
        append(out, "real", real);
        append(out, "simulated", simulated);
        return out.toString();
    }

    private static void append(StringBuilder out, String side, Recording r) {
        for (OwnershipEvent e : r.events()) {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("side", side);
            o.put("t", ReplayJson.ms(e.timeUs()));
            o.put("group", e.group());
            o.put("member", e.member());
            o.put("event", e.kind().name().toLowerCase(Locale.ROOT));
            if (!e.partitions().isEmpty()) {
                e.partitions().forEach(o.putArray("partitions")::add);
            }
            if (e.epoch() >= 0) {
                o.put("epoch", e.epoch());
            }
            if (!e.memberId().isEmpty()) {
                o.put("memberId", e.memberId());
            }
            try {
                out.append(MAPPER.writeValueAsString(o)).append('\n');
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("a tree of plain values always serialises", ex);
            }
        }
    }
}
