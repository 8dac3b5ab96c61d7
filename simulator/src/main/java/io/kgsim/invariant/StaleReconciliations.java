package io.kgsim.invariant;

import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Durations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The one way Kafka 4.4 itself lets two consumer-protocol members own a partition at once, told
 * apart from a broken model by the group events alone, and counted instead of failed.
 *
 * <p>The client's race: a member's reconciliation takes a snapshot of its target when it starts
 * ({@code AbstractMembershipManager.maybeReconcile}) and applies it when the auto-commit and the
 * callbacks are done ({@code revokeAndAssign}); only a state other than RECONCILING, or a rejoin,
 * abandons it ({@code maybeAbortReconciliation}), and a newer target arriving meanwhile does not.
 * A heartbeat failure (a timeout, a lost coordinator) resets the heartbeat's sent fields
 * ({@code ConsumerHeartbeatRequestManager.HeartbeatState.reset}), so the next heartbeat lists the
 * owned partitions again, and what it lists is {@code currentAssignment}, the last reconciled
 * assignment, without the partitions the reconciliation under way is adding. If the coordinator
 * has meanwhile moved such a partition p away, {@code CurrentAssignmentBuilder} reads that list
 * as "p revoked" (it checks only that no partition pending revocation is listed) and releases p
 * to its new owner; the stale reconciliation then completes and assigns p too. Both fetch p until
 * the member's next reconciliation, driven by the newer target it already holds, revokes it.
 *
 * <p>Recognised only when all of this shows in the member's own events: p is assigned while the
 * member's latest received target ({@code assignment-received}) no longer holds p, and a
 * {@code heartbeat-error} came after the last target that did. Any other second owner, a stale
 * owner that does not give p up at its next reconciliation, or a coordinator that hands p back to
 * it while another member still owns it, is still a violation ({@link InvariantChecker}).
 */
final class StaleReconciliations {
    /** What one member heard: its latest target, when each partition was last in one, its last heartbeat error. */
    private static final class Member {
        /** Lookups only: a member may hold thousands of partitions. */
        java.util.Set<TopicPartition> target;
        final Map<TopicPartition, Long> lastInTargetUs = new HashMap<>();
        long lastHeartbeatErrorUs = -1;
        /** Partitions it owns through a stale reconciliation, and since when. */
        final TreeMap<TopicPartition, Long> staleSince = new TreeMap<>(Partitions.ORDER);
        /** Stale tenures that ended: partition -> {from, until}; commits sent within one are judged by it. */
        final Map<TopicPartition, long[]> ended = new HashMap<>();
    }

    /** A partition owned twice through the race: since when, by whom. */
    private record Overlap(long sinceUs, String staleMember, String otherOwners, long heartbeatErrorUs) {
    }

    private final String group;
    private final Map<String, Member> members = new HashMap<>();
    private final TreeMap<TopicPartition, Overlap> open = new TreeMap<>(Partitions.ORDER);
    private long overlaps;
    private long overlapUs;

    StaleReconciliations(String group) {
        this.group = group;
    }

    private Member member(String name) {
        return members.computeIfAbsent(name, n -> new Member());
    }

    /** A new process under this name: nothing it heard before counts. */
    void started(String name) {
        members.remove(name);
    }

    /** {@code assignment-received}: the member's newest target. */
    void targetReceived(String name, List<TopicPartition> target, long us) {
        Member m = member(name);
        m.target = new java.util.HashSet<>(target);
        for (TopicPartition tp : target) {
            m.lastInTargetUs.put(tp, us);
        }
    }

    void heartbeatFailed(String name, long us) {
        member(name).lastHeartbeatErrorUs = us;
    }

    /** The member is assigned {@code tp} by a reconciliation its newest target no longer backs, begun before a heartbeat error. */
    boolean isStale(String name, TopicPartition tp) {
        Member m = members.get(name);
        if (m == null || m.target == null || m.target.contains(tp)) {
            return false;
        }
        Long inTarget = m.lastInTargetUs.get(tp);
        return inTarget != null && m.lastHeartbeatErrorUs > inTarget;
    }

    void begin(String name, TopicPartition tp, long us) {
        member(name).staleSince.put(tp, us);
    }

    boolean holds(String name, TopicPartition tp) {
        Member m = members.get(name);
        return m != null && m.staleSince.containsKey(tp);
    }

    /** The partitions {@code name} still owns through a stale reconciliation, sorted. */
    List<TopicPartition> held(String name) {
        Member m = members.get(name);
        return m == null || m.staleSince.isEmpty() ? List.of() : List.copyOf(m.staleSince.keySet());
    }

    /** The stale tenure of {@code tp} ends: given up, or backed by a newer target after all. */
    void end(String name, TopicPartition tp, long us) {
        Member m = members.get(name);
        Long since = m == null ? null : m.staleSince.remove(tp);
        if (since != null) {
            m.ended.put(tp, new long[] {since, us});
        }
    }

    /** Was a commit of {@code tp} that {@code name} sent at {@code sentUs} sent while it held {@code tp} through the race? */
    boolean covers(String name, TopicPartition tp, long sentUs) {
        Member m = members.get(name);
        if (m == null) {
            return false;
        }
        Long since = m.staleSince.get(tp);
        long[] past = m.ended.get(tp);
        return (since != null && since <= sentUs) || (past != null && past[0] <= sentUs && sentUs <= past[1]);
    }

    /** A second owner appeared: the window opens (once, however many owners join it). */
    void overlapBegins(TopicPartition tp, long us, String staleMember, String owners) {
        if (!open.containsKey(tp)) {
            overlaps++;
            open.put(tp, new Overlap(us, staleMember, owners, members.get(staleMember).lastHeartbeatErrorUs));
        }
    }

    boolean overlapping(TopicPartition tp) {
        return open.containsKey(tp);
    }

    /** Back to one owner: the window closes; returns its description for the warnings. */
    String overlapEnds(TopicPartition tp, long us) {
        Overlap o = open.remove(tp);
        overlapUs += us - o.sinceUs();
        return describe(tp, o, us, false);
    }

    /** The run ends: windows still open are counted up to now and described. */
    List<String> finish(long endUs) {
        List<String> out = new ArrayList<>();
        for (TopicPartition tp : List.copyOf(open.keySet())) {
            Overlap o = open.remove(tp);
            overlapUs += endUs - o.sinceUs();
            out.add(describe(tp, o, endUs, true));
        }
        return out;
    }

    private String describe(TopicPartition tp, Overlap o, long untilUs, boolean atEnd) {
        String m = o.staleMember();
        return "at t=" + Durations.format(o.sinceUs()) + " group " + group + ": " + m + " and " + o.otherOwners() + " both owned " + tp
                + " for " + Durations.millisText(untilUs - o.sinceUs()) + " ms" + (atEnd ? " (still both at the end of the run)" : "")
                + ", a stale reconciliation (a Kafka 4.4 client race): after a heartbeat error at t=" + Durations.format(o.heartbeatErrorUs())
                + " " + m + "'s next heartbeat listed only its reconciled partitions, which the coordinator took as the revocation of "
                + tp + ", and " + m + "'s reconciliation under way then assigned " + tp + " anyway";
    }

    long overlaps() {
        return overlaps;
    }

    long overlapUs() {
        return overlapUs;
    }
}
