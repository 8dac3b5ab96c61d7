package io.kgsim.metrics;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each member was doing, as intervals, read off the group events: the rebalance timeline
 * chart draws them. A member is {@code STOPPED} until it starts and after it stops or dies,
 * {@code JOINING} from its start or JoinGroup until SyncGroup (classic) or a heartbeat (consumer
 * protocol) brings its assignment, {@code STABLE} while it holds its generation's or epoch's
 * assignment, {@code REVOKING} from a revocation until its next JoinGroup, {@code PAUSED} while a
 * timeline pause holds it.
 */
public final class MemberTimeline implements GroupEventListener {
    public enum State { STABLE, REVOKING, JOINING, PAUSED, STOPPED }

    /** {@code member} of {@code group} was in {@code state} from {@code startUs} to {@code endUs}. */
    public record Interval(String group, String member, State state, long startUs, long endUs) {
    }

    /** A member's open interval: what it has been doing since when. */
    private static final class Open {
        final String group;
        final String member;
        State state;
        long sinceUs;

        Open(String group, String member) {
            this.group = group;
            this.member = member;
        }
    }

    /** group -> member -> its open interval; looked up on every event, never iterated. */
    private final Map<String, Map<String, Open>> open = new HashMap<>();
    /** The open intervals in the order their members were first seen, which the chart keeps. */
    private final List<Open> firstSeen = new ArrayList<>();
    private final List<Interval> closed = new ArrayList<>();

    @Override
    public void on(GroupEvent e) {
        if (e.member() == null || e.group() == null) {
            return;
        }
        State next = switch (e.type()) {
            case MEMBER_STARTED, JOIN_GROUP_SENT -> State.JOINING;
            // The member holds the assignment of its generation (classic: SyncGroup answered) or
            // epoch (consumer protocol: a heartbeat answer brought it).
            case SYNCED, ASSIGNMENT_RECEIVED -> State.STABLE;
            case PARTITIONS_REVOKED, PARTITIONS_LOST, POLL_TIMEOUT -> State.REVOKING;
            case MEMBER_PAUSED -> State.PAUSED;
            case MEMBER_RESUMED -> State.STABLE;
            case MEMBER_STOPPED, MEMBER_CRASHED, MEMBER_FAILED -> State.STOPPED;
            default -> null;
        };
        if (next == null) {
            return;
        }
        Map<String, Open> members = open.computeIfAbsent(e.group(), g -> new HashMap<>());
        Open current = members.get(e.member());
        if (current != null && current.state == State.PAUSED && next != State.STABLE && next != State.STOPPED) {
            return;
        }
        if (current != null && current.state == State.STOPPED && next != State.JOINING) {
            // A closing member's last revocation belongs to its stop.
            return;
        }
        if (current != null && current.state == next) {
            return;
        }
        if (current == null) {
            current = new Open(e.group(), e.member());
            members.put(e.member(), current);
            firstSeen.add(current);
        } else if (current.sinceUs < e.timeUs()) {
            closed.add(new Interval(e.group(), e.member(), current.state, current.sinceUs, e.timeUs()));
        }
        current.state = next;
        current.sinceUs = e.timeUs();
    }

    /** Every interval, those still open closed at {@code endUs}. */
    public List<Interval> intervals(long endUs) {
        List<Interval> all = new ArrayList<>(closed);
        for (Open o : firstSeen) {
            if (o.sinceUs < endUs) {
                all.add(new Interval(o.group, o.member, o.state, o.sinceUs, endUs));
            }
        }
        return all;
    }
}
