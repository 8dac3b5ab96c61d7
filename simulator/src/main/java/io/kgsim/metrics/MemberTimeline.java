package io.kgsim.metrics;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What each member was doing, as intervals, read off the group events: the rebalance timeline
 * chart draws them. A member is {@code STOPPED} until it starts and after it stops or dies,
 * {@code JOINING} from its start or JoinGroup until SyncGroup (classic) or a heartbeat (consumer
 * protocol) brings its assignment, {@code STABLE} while it holds its generation's or epoch's
 * assignment, {@code REVOKING} from a revocation until its next JoinGroup, {@code PAUSED} while a
 * timeline pause holds it.
 *
 * <p>Under the consumer protocol there is no JoinGroup after a revocation: a member is
 * {@code REVOKING} from the heartbeat answer whose assignment leaves out partitions it owns until
 * it has revoked them (its next {@code poll()}), and {@code STABLE} otherwise.
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
        /** What the member owns, from its assigned, revoked and lost events. */
        final Set<TopicPartition> owned = new HashSet<>();
        /** The consumer protocol's assignment of the member's epoch; null until one arrives (and under classic). */
        Set<TopicPartition> assignment;

        /** A consumer-protocol member holds nothing its assignment left out. */
        State reconciled() {
            return assignment.containsAll(owned) ? State.STABLE : State.REVOKING;
        }

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
        Map<String, Open> members = open.computeIfAbsent(e.group(), g -> new HashMap<>());
        Open current = members.get(e.member());
        if (current == null) {
            current = new Open(e.group(), e.member());
            members.put(e.member(), current);
            firstSeen.add(current);
        }
        track(current, e);
        State next = next(current, e);
        if (next == null || current.state == next) {
            return;
        }
        if (current.state == State.PAUSED && next != State.STABLE && next != State.STOPPED) {
            return;
        }
        if (current.state == State.STOPPED && next != State.JOINING) {
            // A closing member's last revocation belongs to its stop.
            return;
        }
        if (current.state != null && current.sinceUs < e.timeUs()) {
            closed.add(new Interval(e.group(), e.member(), current.state, current.sinceUs, e.timeUs()));
        }
        current.state = next;
        current.sinceUs = e.timeUs();
    }

    private static State next(Open member, GroupEvent e) {
        return switch (e.type()) {
            case MEMBER_STARTED, JOIN_GROUP_SENT -> State.JOINING;
            // The member holds the assignment of its generation (classic: SyncGroup answered).
            case SYNCED -> State.STABLE;
            // Consumer protocol: a heartbeat answer brought the assignment of its epoch, which it
            // holds at once unless it must revoke first; it has reconciled once it revoked.
            case ASSIGNMENT_RECEIVED -> member.reconciled();
            case PARTITIONS_REVOKED -> member.assignment == null ? State.REVOKING : member.reconciled();
            case PARTITIONS_LOST, POLL_TIMEOUT -> State.REVOKING;
            case MEMBER_PAUSED -> State.PAUSED;
            case MEMBER_RESUMED -> State.STABLE;
            case MEMBER_STOPPED, MEMBER_CRASHED, MEMBER_FAILED -> State.STOPPED;
            default -> null;
        };
    }

    private static void track(Open member, GroupEvent e) {
        switch (e.type()) {
            case PARTITIONS_ASSIGNED -> member.owned.addAll(e.partitions());
            case PARTITIONS_REVOKED, PARTITIONS_LOST -> e.partitions().forEach(member.owned::remove);
            case ASSIGNMENT_RECEIVED -> member.assignment = new HashSet<>(e.partitions());
            case MEMBER_STARTED -> {
                member.owned.clear();
                member.assignment = null;
            }
            default -> { }
        }
    }

    /** Every interval, those still open closed at {@code endUs}. */
    public List<Interval> intervals(long endUs) {
        List<Interval> all = new ArrayList<>(closed);
        for (Open o : firstSeen) {
            if (o.state != null && o.sinceUs < endUs) {
                all.add(new Interval(o.group, o.member, o.state, o.sinceUs, endUs));
            }
        }
        return all;
    }
}
