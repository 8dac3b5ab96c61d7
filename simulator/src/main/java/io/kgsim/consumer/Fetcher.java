package io.kgsim.consumer;

import io.kgsim.cluster.DataPlane;
import io.kgsim.cluster.Network;
import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Simulation;
import io.kgsim.metrics.DataPlaneListener;
import io.kgsim.protocol.GroupMember;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's fetcher: a position per owned partition, initialised from the committed
 * offset (OffsetFetch) or {@code auto.offset.reset}, and what a poll could read from each.
 * Positions live as long as the member owns the partition; the application thread reads and
 * advances them.
 */
final class Fetcher {
    private final Simulation sim;
    private final GroupMember member;
    private final DataPlane data;
    private final DataPlaneListener ledger;
    private final String group;
    private final String rack;
    private final Network.Link link;
    private final boolean resetToEarliest;
    private final int maxPollRecords;

    /** Per owned partition, in the member's owned order; rebuilt when ownership changes. */
    private final Map<TopicPartition, FetchedPartition> fetched = new HashMap<>();
    private FetchedPartition[] order = new FetchedPartition[0];
    /**
     * Every partition of {@link #order} has a position or an OffsetFetch out: polls skip the
     * scan until ownership changes or an answer leaves a partition without one.
     */
    private boolean positionsKnown;
    private List<TopicPartition> orderOf = List.of();
    private int orderVersion = -1;

    Fetcher(Simulation sim, GroupMember member, DataPlane data, DataPlaneListener ledger, String group, String rack, Network.Link link,
            boolean resetToEarliest, int maxPollRecords) {
        this.sim = sim;
        this.member = member;
        this.data = data;
        this.ledger = ledger;
        this.group = group;
        this.rack = rack;
        this.link = link;
        this.resetToEarliest = resetToEarliest;
        this.maxPollRecords = maxPollRecords;
    }

    /** {@code allConsumed()}: the next offset to consume of each of these partitions that has one. */
    SortedMap<TopicPartition, Long> consumedPositions(Collection<TopicPartition> partitions) {
        SortedMap<TopicPartition, Long> out = new TreeMap<>(Partitions.ORDER);
        for (TopicPartition tp : partitions) {
            FetchedPartition f = fetched.get(tp);
            if (f != null && f.position >= 0) {
                out.put(tp, f.position);
            }
        }
        return out;
    }

    /** Partitions revoked or lost: their positions are forgotten. */
    void partitionsRemoved(List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            FetchedPartition f = fetched.remove(tp);
            if (f != null) {
                f.dropped = true;
            }
        }
        orderOf = null;
    }

    /** The process starts or dies: nothing of its positions survives. */
    void clear() {
        for (FetchedPartition f : fetched.values()) {
            f.dropped = true;
        }
        fetched.clear();
        order = new FetchedPartition[0];
        orderOf = List.of();
    }

    /** The fetch state of each owned partition, in owned order (kept as long as ownership holds). */
    FetchedPartition[] fetchOrder(List<TopicPartition> owned) {
        int version = data.version();
        if (owned == orderOf && version == orderVersion) {
            return order;
        }
        FetchedPartition[] out = new FetchedPartition[owned.size()];
        positionsKnown = false;
        for (int i = 0; i < out.length; i++) {
            TopicPartition tp = owned.get(i);
            FetchedPartition f = fetched.get(tp);
            boolean fresh = f == null;
            if (fresh) {
                f = new FetchedPartition(tp);
                fetched.put(tp, f);
            }
            if (fresh || version != orderVersion) {
                refresh(f);
            }
            out[i] = f;
        }
        order = out;
        orderOf = owned;
        orderVersion = version;
        return out;
    }

    /**
     * Leaders (so availability and the replica fetched from) may have moved. Cross-rack bytes
     * need a rack to cross: a consumer without client.rack never asks.
     */
    private void refresh(FetchedPartition f) {
        String from = rack == null ? null : data.fetchRack(f.tp, rack);
        f.refresh(data.topic(f.tp.topic()), data.recordBytes(f.tp.topic()), from != null && !from.equals(rack),
                ledger.partition(group, f.tp), data.available(f.tp));
    }

    /**
     * Newly assigned partitions need a position: the committed offset (OffsetFetch) or the
     * reset policy. {@code positionsFound} runs when an answer gave some of them one.
     */
    void initPositions(FetchedPartition[] owned, Runnable positionsFound) {
        if (member.revokingEverything()) {
            // An eager member commits synchronously in onJoinPrepare: the real poll() is blocked
            // in that commit and looks up no positions for partitions it is about to give up.
            return;
        }
        if (positionsKnown) {
            return;
        }
        List<FetchedPartition> asked = new ArrayList<>();
        List<TopicPartition> request = new ArrayList<>();
        for (FetchedPartition f : owned) {
            if (f.position < 0 && !f.fetchingOffset) {
                f.fetchingOffset = true;
                asked.add(f);
                request.add(f.tp);
            }
        }
        positionsKnown = true;
        if (asked.isEmpty()) {
            return;
        }
        member.fetchCommitted(request, committed -> {
            // The answer may leave partitions without a position (coordinator unavailable, or
            // no longer fetchable): the next poll looks again.
            positionsKnown = false;
            for (FetchedPartition asking : asked) {
                position(asking, committed);
            }
            if (committed != null) {
                positionsFound.run();
            }
        });
    }

    /** One partition's OffsetFetch answer (null: the coordinator was unavailable; asked again at the next poll). */
    private void position(FetchedPartition asking, Map<TopicPartition, Long> committed) {
        // Whoever fetches the partition now takes the answer, even if it was dropped and
        // assigned again while the request was out.
        FetchedPartition f = asking.dropped ? fetched.get(asking.tp) : asking;
        if (f == null || !f.fetchingOffset) {
            return;
        }
        f.fetchingOffset = false;
        if (committed == null || !member.mayFetch(f.tp)) {
            return;
        }
        long c = committed.getOrDefault(f.tp, -1L);
        // auto.offset.reset: earliest (0) or latest (the log end now).
        f.position = c >= 0 ? c : (resetToEarliest ? 0 : data.logEndOffset(f.tp, sim.now()));
    }

    /** Records a poll could return now, counted up to {@code max.poll.records}. */
    long available(FetchedPartition[] owned) {
        if (member.revokingEverything()) {
            return 0;
        }
        long sum = 0;
        long now = sim.now();
        boolean checkRevocation = member.hasPendingRevocation();
        for (FetchedPartition f : owned) {
            if (!f.fetchable(member, checkRevocation)) {
                continue;
            }
            sum += Math.max(0, f.production.logEndOffset(f.partition, now) - f.position);
            if (sum >= maxPollRecords) {
                break;
            }
        }
        return sum;
    }

    /** When the next record a poll could return reaches the consumer, or {@code Long.MAX_VALUE}. */
    long nextDataUs(FetchedPartition[] owned) {
        if (member.revokingEverything()) {
            return Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        boolean checkRevocation = member.hasPendingRevocation();
        for (FetchedPartition f : owned) {
            if (!f.fetchable(member, checkRevocation)) {
                continue;
            }
            next = Math.min(next, f.production.timeWhenAbove(f.partition, f.position, sim.now()));
        }
        return next == Long.MAX_VALUE ? next : next + link.latencyUs();
    }
}
