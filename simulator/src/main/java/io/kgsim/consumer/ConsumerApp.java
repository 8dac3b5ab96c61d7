package io.kgsim.consumer;

import io.kgsim.cluster.DataPlane;
import io.kgsim.cluster.Network;
import io.kgsim.cluster.Partitions;
import io.kgsim.cluster.TopicProduction;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import io.kgsim.metrics.DataPlaneListener;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.GroupMember;
import io.kgsim.protocol.MemberHost;
import io.kgsim.scenario.CommitMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer application: the thread that loops {@code poll()} then processes what it got, and
 * the fetcher's positions. It drives its {@link GroupMember}'s main-thread steps on every
 * poll and is what the member's protocol waits for: a member busy processing a batch rejoins
 * only when the batch is done, and one that takes longer than {@code max.poll.interval.ms}
 * is thrown out of the group by its own heartbeat thread.
 *
 * <p>The states: {@code STOPPED} (no process), {@code IN_POLL} (waiting for records: it wakes
 * when data arrives, when the member needs the main thread, or when an auto-commit is due),
 * {@code PROCESSING} (a batch is under way; nothing else happens on this thread),
 * {@code COMMITTING} (a {@code commitSync()} after a batch), {@code PAUSED}.
 *
 * <p>Simplified: records are available to a poll as soon as they are produced (the fetcher is
 * assumed to prefetch; an idle consumer wakes one network latency after the first new record).
 * A consumer that keeps up (fewer than {@code max.poll.records} waiting) takes its next batch
 * no sooner than {@code simulation.batch.interval} after the previous one began, instead of
 * processing the trickle of records that arrive during each batch one poll at a time: the same
 * records per second in far fewer events. A consumer that falls behind polls back to back.
 */
public final class ConsumerApp implements MemberHost {
    private enum State { STOPPED, IN_POLL, PROCESSING, COMMITTING, PAUSED }


    private final Simulation sim;
    private final GroupMember member;
    private final DataPlane data;
    private final DataPlaneListener ledger;
    private final GroupEventListener events;
    private final String group;
    private final String name;
    private final String rack;
    private final Network.Link fetchLink;
    private final DataPlaneListener.MemberSink work;
    private final ProcessingTime processing;
    private final CommitMode commitMode;
    private final boolean resetToEarliest;
    private final int maxPollRecords;
    private final Timer pollTimer;
    private final Timer batchTimer;
    private final Timer resumeTimer;

    /**
     * A fetched partition: its position and what the hot loop needs about it, looked up once.
     * The object lives as long as the member fetches the partition (refreshed in place when
     * leaders move), so an answer in flight can hold it instead of looking it up again.
     */
    private static final class Fetched {
        final TopicPartition tp;
        final int partition;
        TopicProduction production;
        long recordBytes;
        boolean crossRack;
        DataPlaneListener.PartitionSink sink;
        boolean available;
        long position = -1;
        /** An OffsetFetch for this partition is out (its answer sets {@link #position}). */
        boolean fetchingOffset;
        /** No longer fetched (revoked, lost, or the process restarted). */
        boolean dropped;

        Fetched(TopicPartition tp) {
            this.tp = tp;
            this.partition = tp.partition();
        }

        void refresh(TopicProduction production, long recordBytes, boolean crossRack, DataPlaneListener.PartitionSink sink, boolean available) {
            this.production = production;
            this.recordBytes = recordBytes;
            this.crossRack = crossRack;
            this.sink = sink;
            this.available = available;
        }
    }

    private State state = State.STOPPED;
    /** Per owned partition, in the member's owned order; rebuilt when ownership changes. */
    private final Map<TopicPartition, Fetched> fetched = new HashMap<>();
    private Fetched[] order = new Fetched[0];
    /**
     * Every partition of {@link #order} has a position or an OffsetFetch out: polls skip the
     * scan until ownership changes or an answer leaves a partition without one.
     */
    private boolean positionsKnown;
    private List<TopicPartition> orderOf = List.of();
    private int orderVersion = -1;
    private final long batchIntervalUs;
    private long lastBatchUs = Long.MIN_VALUE / 2;
    /** The batch in hand: per partition slice, offsets [batchFrom, batchTo); reused, never reallocated. */
    private Fetched[] batchParts = new Fetched[16];
    private long[] batchFrom = new long[16];
    private long[] batchTo = new long[16];
    private int batchSize;
    private long batchRecords;
    private long batchStartUs;
    private long batchEndUs;
    private boolean stopAfterBatch;
    private long pausedUntilUs;
    private int roundRobin;

    public ConsumerApp(Simulation sim, GroupMember member, DataPlane data, Network network, DataPlaneListener ledger,
                       GroupEventListener events, String group, String rack, ProcessingTime processing, CommitMode commitMode,
                       boolean resetToEarliest, int maxPollRecords, long batchIntervalUs) {
        this.sim = sim;
        this.member = member;
        this.data = data;
        this.ledger = ledger;
        this.events = events;
        this.group = group;
        this.name = member.name();
        this.rack = rack;
        this.fetchLink = network.link(group + "/" + name + "/fetch");
        this.work = ledger.member(group, name);
        this.processing = processing;
        this.commitMode = commitMode;
        this.resetToEarliest = resetToEarliest;
        this.maxPollRecords = maxPollRecords;
        this.batchIntervalUs = batchIntervalUs;
        this.pollTimer = sim.newTimer(this::poll);
        this.batchTimer = sim.newTimer(this::batchDone);
        this.resumeTimer = sim.newTimer(this::resume);
        member.attach(this);
    }

    public GroupMember member() {
        return member;
    }

    // ---------------------------------------------------------------- lifecycle (timeline actions)

    public void start() {
        if (state != State.STOPPED) {
            if (stopAfterBatch) {
                stopAfterBatch = false;
            }
            return;
        }
        clearPositions();
        state = State.IN_POLL;
        pausedUntilUs = 0;
        member.start();
    }

    /** A graceful shutdown: the batch in hand is finished first, then the consumer is closed. */
    public void stop() {
        switch (state) {
            case STOPPED -> {
            }
            case PROCESSING, COMMITTING -> stopAfterBatch = true;
            default -> close();
        }
    }

    private void close() {
        cancelTimers();
        member.stop();
        state = State.STOPPED;
        stopAfterBatch = false;
    }

    /** Killed: the work done on the batch in hand so far counts, nothing else survives. */
    public void crash() {
        if (state == State.STOPPED) {
            return;
        }
        if (state == State.PROCESSING) {
            finishPartOfBatch(sim.now());
        }
        cancelTimers();
        state = State.STOPPED;
        stopAfterBatch = false;
        member.crash();
        clearPositions();
    }

    /**
     * The application thread stops for {@code durationUs}: a stuck handler ({@code gc=false},
     * the heartbeat thread goes on) or a stop-the-world GC pause ({@code gc=true}, nothing of the
     * process runs, heartbeats included).
     */
    public void pause(long durationUs, boolean gc) {
        if (state == State.STOPPED) {
            return;
        }
        long until = sim.now() + durationUs;
        events.on(GroupEvent.member(sim.now(), GroupEventType.MEMBER_PAUSED, group, name, member.epoch(),
                (gc ? "gc" : "handler") + " for " + Durations.format(durationUs)));
        if (gc) {
            member.freeze(until);
        }
        switch (state) {
            case PROCESSING -> {
                // The batch in hand takes that much longer.
                batchEndUs += Math.max(0, until - Math.max(sim.now(), pausedUntilUs));
                sim.reschedule(batchTimer, batchEndUs - sim.now());
            }
            case IN_POLL, PAUSED -> {
                if (state == State.IN_POLL) {
                    // The thread left poll() and is stuck: max.poll.interval.ms counts from now.
                    member.pollReturned();
                }
                sim.cancel(pollTimer);
                state = State.PAUSED;
                sim.reschedule(resumeTimer, Math.max(until, pausedUntilUs) - sim.now());
            }
            default -> {
            }
        }
        pausedUntilUs = Math.max(pausedUntilUs, until);
    }

    private void resume() {
        if (state != State.PAUSED) {
            return;
        }
        events.on(GroupEvent.member(sim.now(), GroupEventType.MEMBER_RESUMED, group, name, member.epoch(), null));
        state = State.IN_POLL;
        poll();
    }

    /** Production changed: an idle consumer recomputes when its next records arrive. */
    public void productionChanged() {
        wakeup();
    }

    // ---------------------------------------------------------------- MemberHost

    @Override
    public void wakeup() {
        if (state == State.IN_POLL) {
            sim.reschedule(pollTimer, 0);
        }
    }

    @Override
    public SortedMap<TopicPartition, Long> consumedPositions(Collection<TopicPartition> partitions) {
        SortedMap<TopicPartition, Long> out = new TreeMap<>(Partitions.ORDER);
        for (TopicPartition tp : partitions) {
            Fetched f = fetched.get(tp);
            if (f != null && f.position >= 0) {
                out.put(tp, f.position);
            }
        }
        return out;
    }

    @Override
    public void partitionsRemoved(List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Fetched f = fetched.remove(tp);
            if (f != null) {
                f.dropped = true;
            }
        }
        orderOf = null;
    }

    private void clearPositions() {
        for (Fetched f : fetched.values()) {
            f.dropped = true;
        }
        fetched.clear();
        order = new Fetched[0];
        orderOf = List.of();
    }

    /** The fetch state of each owned partition, in owned order (kept as long as ownership holds). */
    private Fetched[] fetchOrder(List<TopicPartition> owned) {
        int version = data.version();
        if (owned == orderOf && version == orderVersion) {
            return order;
        }
        Fetched[] out = new Fetched[owned.size()];
        positionsKnown = false;
        for (int i = 0; i < out.length; i++) {
            TopicPartition tp = owned.get(i);
            Fetched f = fetched.get(tp);
            boolean fresh = f == null;
            if (fresh) {
                f = new Fetched(tp);
                fetched.put(tp, f);
            }
            if (fresh || version != orderVersion) {
                // Leaders (so availability and the replica fetched from) may have moved.
                // Cross-rack bytes need a rack to cross: a consumer without client.rack never asks.
                String from = rack == null ? null : data.fetchRack(tp, rack);
                f.refresh(data.topic(tp.topic()), data.recordBytes(tp.topic()), from != null && !from.equals(rack),
                        ledger.partition(group, tp), data.available(tp));
            }
            out[i] = f;
        }
        order = out;
        orderOf = owned;
        orderVersion = version;
        return out;
    }

    // ---------------------------------------------------------------- the poll loop

    private void poll() {
        if (state != State.IN_POLL) {
            return;
        }
        member.poll();
        if (!member.isAlive() || state != State.IN_POLL) {
            return;
        }
        Fetched[] owned = fetchOrder(member.owned());
        initPositions(owned);
        long now = sim.now();
        long batchDue = lastBatchUs + batchIntervalUs;
        if ((now >= batchDue || available(owned) >= maxPollRecords) && fetch(owned)) {
            lastBatchUs = now;
            startBatch();
            return;
        }
        long wake = nextDataUs(owned);
        if (wake != Long.MAX_VALUE) {
            // Keeping up: records wait until a batch interval after the previous batch began.
            wake = Math.max(wake, batchDue);
        }
        long autoCommit = member.nextAutoCommitUs();
        if (autoCommit > sim.now()) {
            wake = Math.min(wake, autoCommit);
        }
        if (wake != Long.MAX_VALUE) {
            sim.reschedule(pollTimer, Math.max(0, wake - sim.now()));
        }
    }

    /** Newly assigned partitions need a position: the committed offset (OffsetFetch) or the reset policy. */
    private void initPositions(Fetched[] owned) {
        if (member.revokingEverything()) {
            // An eager member commits synchronously in onJoinPrepare: the real poll() is blocked
            // in that commit and looks up no positions for partitions it is about to give up.
            return;
        }
        if (positionsKnown) {
            return;
        }
        List<Fetched> asked = new ArrayList<>();
        List<TopicPartition> request = new ArrayList<>();
        for (Fetched f : owned) {
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
            for (Fetched asking : asked) {
                // Whoever fetches the partition now takes the answer, even if it was
                // dropped and assigned again while the request was out.
                Fetched f = asking.dropped ? fetched.get(asking.tp) : asking;
                if (f == null || !f.fetchingOffset) {
                    continue;
                }
                f.fetchingOffset = false;
                if (committed == null || !member.mayFetch(f.tp)) {
                    // committed == null: the coordinator was unavailable; ask again at the next poll.
                    continue;
                }
                long c = committed.getOrDefault(f.tp, -1L);
                // auto.offset.reset: earliest (0) or latest (the log end now).
                f.position = c >= 0 ? c : (resetToEarliest ? 0 : data.logEndOffset(f.tp, sim.now()));
            }
            if (committed != null) {
                wakeup();
            }
        });
    }

    /** Records a poll could return now, counted up to {@code max.poll.records}. */
    private long available(Fetched[] owned) {
        if (member.revokingEverything()) {
            return 0;
        }
        long sum = 0;
        long now = sim.now();
        boolean checkRevocation = member.hasPendingRevocation();
        for (Fetched f : owned) {
            if (f.position < 0 || !f.available || (checkRevocation && !member.mayFetch(f.tp))) {
                continue;
            }
            sum += Math.max(0, f.production.logEndOffset(f.partition, now) - f.position);
            if (sum >= maxPollRecords) {
                break;
            }
        }
        return sum;
    }

    /** Fills the batch with up to {@code max.poll.records}; false when nothing was available. */
    private boolean fetch(Fetched[] owned) {
        int n = owned.length;
        batchSize = 0;
        batchRecords = 0;
        if (n == 0) {
            return false;
        }
        if (batchParts.length < n) {
            batchParts = new Fetched[n];
            batchFrom = new long[n];
            batchTo = new long[n];
        }
        boolean checkRevocation = member.hasPendingRevocation();
        long remaining = member.revokingEverything() ? 0 : maxPollRecords;
        long now = sim.now();
        int start = Math.floorMod(roundRobin, n);
        for (int k = 0; k < n && remaining > 0; k++) {
            Fetched f = owned[(start + k) % n];
            if (f.position < 0 || !f.available || (checkRevocation && !member.mayFetch(f.tp))) {
                continue;
            }
            long available = f.production.logEndOffset(f.partition, now) - f.position;
            if (available <= 0) {
                continue;
            }
            long take = Math.min(available, remaining);
            batchParts[batchSize] = f;
            batchFrom[batchSize] = f.position;
            batchTo[batchSize] = f.position + take;
            batchSize++;
            batchRecords += take;
            f.position += take;
            remaining -= take;
            if (f.crossRack) {
                work.crossRackBytes(take * f.recordBytes, now);
            }
        }
        roundRobin = start + 1;
        return batchSize > 0;
    }

    private long nextDataUs(Fetched[] owned) {
        if (member.revokingEverything()) {
            return Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        boolean checkRevocation = member.hasPendingRevocation();
        for (Fetched f : owned) {
            if (f.position < 0 || !f.available || (checkRevocation && !member.mayFetch(f.tp))) {
                continue;
            }
            next = Math.min(next, f.production.timeWhenAbove(f.partition, f.position, sim.now()));
        }
        return next == Long.MAX_VALUE ? next : next + fetchLink.latencyUs();
    }

    private void startBatch() {
        batchStartUs = sim.now();
        batchEndUs = sim.now() + processing.forRecords((int) batchRecords);
        state = State.PROCESSING;
        member.pollReturned();
        sim.reschedule(batchTimer, batchEndUs - sim.now());
    }

    private void batchDone() {
        if (state != State.PROCESSING) {
            return;
        }
        reportSlices(batchRecords);
        work.processed(batchRecords, batchStartUs, batchEndUs);
        batchSize = 0;
        afterBatch();
    }

    private void afterBatch() {
        if (commitMode == CommitMode.SYNC_PER_BATCH || commitMode == CommitMode.ASYNC_PER_BATCH) {
            SortedMap<TopicPartition, Long> offsets = consumedPositions(member.owned());
            if (!offsets.isEmpty() || !member.inGroup()) {
                if (commitMode == CommitMode.SYNC_PER_BATCH) {
                    state = State.COMMITTING;
                    member.commitOffsets(offsets, error -> {
                        if (state == State.COMMITTING) {
                            state = State.IN_POLL;
                            continueLoop();
                        }
                    });
                    return;
                }
                member.commitOffsets(offsets, error -> { });
            }
        }
        state = State.IN_POLL;
        continueLoop();
    }

    private void continueLoop() {
        if (stopAfterBatch) {
            close();
            return;
        }
        if (pausedUntilUs > sim.now()) {
            state = State.PAUSED;
            sim.reschedule(resumeTimer, pausedUntilUs - sim.now());
            return;
        }
        poll();
    }

    /** A crash in mid-batch: records are processed in order, evenly over the batch's time. */
    private void finishPartOfBatch(long nowUs) {
        long span = Math.max(1, batchEndUs - batchStartUs);
        long done = Math.min(batchRecords, (long) Math.floor(batchRecords * (double) (nowUs - batchStartUs) / span));
        work.processed(done, batchStartUs, nowUs);
        reportSlices(done);
        batchSize = 0;
    }

    /**
     * Reports the batch's first {@code done} records to their partitions' sinks, slice by slice
     * in batch order: the batch's records are processed one after another, evenly over its time,
     * the k-th (from 1) finishing at {@code batchStartUs + k * span / batchRecords}.
     */
    private void reportSlices(long done) {
        double perRecordUs = batchRecords == 0 ? 0 : (batchEndUs - batchStartUs) / (double) batchRecords;
        long before = 0;
        for (int i = 0; i < batchSize; i++) {
            long k = Math.min(done - before, batchTo[i] - batchFrom[i]);
            if (k > 0) {
                batchParts[i].sink.processed(batchFrom[i], batchFrom[i] + k, batchStartUs + Math.round((before + 1) * perRecordUs),
                        batchStartUs + Math.round((before + k) * perRecordUs));
                before += k;
            }
            batchParts[i] = null;
        }
    }

    private void cancelTimers() {
        sim.cancel(pollTimer);
        sim.cancel(batchTimer);
        sim.cancel(resumeTimer);
    }

    public String name() {
        return name;
    }

    public boolean isRunning() {
        return state != State.STOPPED;
    }
}
