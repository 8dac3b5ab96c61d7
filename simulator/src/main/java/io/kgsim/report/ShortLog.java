package io.kgsim.report;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code kgsim run --log}: one fixed-column line per group event, to read a run (or a failing
 * seed) by eye, as TigerBeetle's short log does for its simulator.
 *
 * <pre>
 *      60.002767s  billing   c1     gen 1   member-removed         left
 *      60.011495s  billing   c3     gen 2   partitions-assigned    +2 [orders-4, orders-5] owns 5
 * </pre>
 */
public final class ShortLog implements GroupEventListener {
    private final PrintWriter out;
    private final Set<GroupEventType> shown;

    public ShortLog(PrintWriter out) {
        this(out, EnumSet.allOf(GroupEventType.class));
    }

    /** Prints only events of the given types ({@code --log-events}). */
    public ShortLog(PrintWriter out, Set<GroupEventType> shown) {
        this.out = out;
        this.shown = EnumSet.copyOf(shown);
    }

    @Override
    public void on(GroupEvent e) {
        if (!shown.contains(e.type())) {
            return;
        }
        String t = String.format(Locale.ROOT, "%12.6fs", e.timeUs() / (double) Durations.US_PER_S);
        String gen = shortEpoch(e.epoch());
        out.printf(Locale.ROOT, "%s  %-9s %-6s %-7s %-22s %s%n", t, e.group() == null ? "-" : e.group(), e.member() == null ? "-" : e.member(), gen,
                e.type().traceName(), details(e));
    }

    /** "gen 5" (classic), "epoch 7" (the consumer protocol's group or member epoch), or blank. */
    private static String shortEpoch(Epoch epoch) {
        if (epoch.generation() >= 0) {
            return "gen " + epoch.generation();
        }
        return epoch.value() >= 0 ? "epoch " + epoch.value() : "";
    }

    private static String details(GroupEvent e) {
        StringBuilder b = new StringBuilder();
        if (e.partitions() != null) {
            String sign = switch (e.type()) {
                case PARTITIONS_ASSIGNED -> "+";
                case PARTITIONS_REVOKED, PARTITIONS_LOST -> "-";
                default -> "";
            };
            b.append(sign).append(e.partitions().size()).append(' ').append(abbreviate(e.partitions()));
            if (e.owned() != null) {
                b.append(" owns ").append(e.owned().size());
            }
        }
        if (e.members() != null) {
            b.append(e.members());
        }
        if (e.reason() != null) {
            if (b.length() > 0) {
                b.append("  ");
            }
            b.append(e.reason());
        }
        return b.toString();
    }

    private static String abbreviate(List<TopicPartition> ps) {
        String s = ps.toString();
        return s.length() <= 60 ? s : s.substring(0, 56) + " ...]";
    }
}
