package io.kgsim.protocol;

import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Simulation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * What a member owns and which of it is on its way out, whatever the group protocol: the
 * client's {@code SubscriptionState} assignment seen from the rebalance listener's side. Each
 * change tells the {@link MemberHost} (whose fetcher forgets removed partitions) and emits the
 * ownership event the invariant checker and metrics follow: assigned
 * ({@code onPartitionsAssigned}), revoked ({@code onPartitionsRevoked}: the member gave them up
 * in order) or lost ({@code onPartitionsLost}: ownership ended without a handover).
 */
public final class OwnedPartitions {
    private final Simulation sim;
    private final GroupEventListener events;
    private final String groupId;
    private final String member;
    private final Supplier<Epoch> epoch;
    private MemberHost host = MemberHost.NONE;
    private final TreeSet<TopicPartition> owned = Partitions.sortedSet();
    /** {@link #list()}'s cached copy, dropped whenever {@code owned} changes. */
    private List<TopicPartition> ownedList;
    /** Partitions no longer fetched while the commit before their revocation is under way (eager). */
    private final TreeSet<TopicPartition> pendingRevocation = Partitions.sortedSet();

    /** @param epoch the member's generation or epoch, stamped on each event */
    public OwnedPartitions(Simulation sim, GroupEventListener events, String groupId, String member, Supplier<Epoch> epoch) {
        this.sim = sim;
        this.events = events;
        this.groupId = groupId;
        this.member = member;
        this.epoch = epoch;
    }

    public void attach(MemberHost host) {
        this.host = host;
    }

    /** What the member owns, sorted; the same list instance until ownership changes. */
    public List<TopicPartition> list() {
        if (ownedList == null) {
            ownedList = List.copyOf(owned);
        }
        return ownedList;
    }

    /** The owned set itself, sorted, for reading only (positions, differences). */
    public Collection<TopicPartition> view() {
        return owned;
    }

    /** A copy of what is owned, for a revocation or loss of everything. */
    public List<TopicPartition> all() {
        return new ArrayList<>(owned);
    }

    public int size() {
        return owned.size();
    }

    /** Is {@code tp} owned and not waiting for its revocation? */
    public boolean mayFetch(TopicPartition tp) {
        return owned.contains(tp) && !pendingRevocation.contains(tp);
    }

    public boolean hasPendingRevocation() {
        return !pendingRevocation.isEmpty();
    }

    /** Is every owned partition waiting for its revocation? Then nothing may be fetched. */
    public boolean revokingEverything() {
        // Partitions pending revocation are always owned ones.
        return !pendingRevocation.isEmpty() && pendingRevocation.size() == owned.size();
    }

    /** Stop fetching everything now; the revocation follows (an eager rebalance's commit first). */
    public void markAllPendingRevocation() {
        pendingRevocation.addAll(owned);
    }

    /** Stop fetching {@code partitions} (owned ones) now; their revocation follows (KIP-848's reconciliation). */
    public void markPendingRevocation(Collection<TopicPartition> partitions) {
        pendingRevocation.addAll(partitions);
    }

    /** Nothing waits for its revocation any more (the process ended). */
    public void clearPendingRevocation() {
        pendingRevocation.clear();
    }

    /** A new process owns nothing. */
    public void clear() {
        owned.clear();
        ownedList = null;
        pendingRevocation.clear();
    }

    /** {@code onPartitionsAssigned}: {@code added} (none of them owned yet) join what is owned. */
    public void assign(List<TopicPartition> added) {
        if (added.isEmpty()) {
            return;
        }
        owned.addAll(added);
        ownedList = null;
        host.wakeup();
        events.on(GroupEvent.ownership(sim.now(), GroupEventType.PARTITIONS_ASSIGNED, groupId, member, epoch.get(), null,
                added, List.copyOf(owned)));
    }

    /** {@code onPartitionsRevoked}: the member gives these up in order. */
    public void revoke(List<TopicPartition> partitions, String reason) {
        remove(GroupEventType.PARTITIONS_REVOKED, partitions, reason);
    }

    /** {@code onPartitionsLost}: ownership ends without a handover. */
    public void lose(List<TopicPartition> partitions, String reason) {
        remove(GroupEventType.PARTITIONS_LOST, partitions, reason);
    }

    private void remove(GroupEventType type, List<TopicPartition> partitions, String reason) {
        removeEach(pendingRevocation, partitions);
        if (partitions.isEmpty()) {
            return;
        }
        removeEach(owned, partitions);
        ownedList = null;
        host.partitionsRemoved(partitions);
        events.on(GroupEvent.ownership(sim.now(), type, groupId, member, epoch.get(), reason, Partitions.sorted(partitions),
                List.copyOf(owned)));
    }

    /**
     * {@code set.removeAll(list)} walks the set and scans the list for each element when the two
     * are the same size (an eager revocation of everything): remove one by one instead.
     */
    private static void removeEach(TreeSet<TopicPartition> set, List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            set.remove(tp);
        }
    }
}
