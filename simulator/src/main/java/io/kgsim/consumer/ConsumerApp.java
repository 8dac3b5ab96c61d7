package io.kgsim.consumer;

import io.kgsim.cluster.DataPlane;
import io.kgsim.cluster.Network;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import io.kgsim.metrics.DataPlaneListener;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.Partitions;
import io.kgsim.protocol.classic.ClassicMember;
import io.kgsim.protocol.classic.MemberHost;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer application: the thread that loops {@code poll()} then processes what it got, and
 * the fetcher's positions. It drives its {@link ClassicMember}'s main-thread steps on every
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
 */
public final class ConsumerApp implements MemberHost {
    private enum State { STOPPED, IN_POLL, PROCESSING, COMMITTING, PAUSED }

    /** One partition's slice of a batch: offsets {@code [from, to)}. */
    private record Segment(TopicPartition tp, long from, long to) {
        long count() {
            return to - from;
        }
    }

    private final Simulation sim;
    private final ClassicMember member;
    private final DataPlane data;
    private final Network network;
    private final DataPlaneListener ledger;
    private final GroupEventListener events;
    private final String group;
    private final String name;
    private final String rack;
    private final String endpoint;
    private final ProcessingTime processing;
    private final CommitMode commitMode;
    private final boolean resetToEarliest;
    private final int maxPollRecords;
    private final Timer pollTimer;
    private final Timer batchTimer;
    private final Timer resumeTimer;

    private State state = State.STOPPED;
    private final SortedMap<TopicPartition, Long> positions = new TreeMap<>(Partitions.ORDER);
    private final Set<TopicPartition> fetchingOffsets = new HashSet<>();
    private List<Segment> batch = List.of();
    private long batchStartUs;
    private long batchEndUs;
    private boolean stopAfterBatch;
    private long pausedUntilUs;
    private int roundRobin;

    public ConsumerApp(Simulation sim, ClassicMember member, DataPlane data, Network network, DataPlaneListener ledger,
                       GroupEventListener events, String group, String rack, ProcessingTime processing, CommitMode commitMode,
                       boolean resetToEarliest, int maxPollRecords) {
        this.sim = sim;
        this.member = member;
        this.data = data;
        this.network = network;
        this.ledger = ledger;
        this.events = events;
        this.group = group;
        this.name = member.name();
        this.rack = rack;
        this.endpoint = group + "/" + name + "/fetch";
        this.processing = processing;
        this.commitMode = commitMode;
        this.resetToEarliest = resetToEarliest;
        this.maxPollRecords = maxPollRecords;
        this.pollTimer = sim.newTimer(this::poll);
        this.batchTimer = sim.newTimer(this::batchDone);
        this.resumeTimer = sim.newTimer(this::resume);
        member.attach(this);
    }

    public ClassicMember member() {
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
        positions.clear();
        fetchingOffsets.clear();
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
        positions.clear();
        fetchingOffsets.clear();
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
        events.on(GroupEvent.of(sim.now(), GroupEventType.MEMBER_PAUSED, group, name, member.generationId(),
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
        events.on(GroupEvent.of(sim.now(), GroupEventType.MEMBER_RESUMED, group, name, member.generationId(), null));
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
            Long p = positions.get(tp);
            if (p != null) {
                out.put(tp, p);
            }
        }
        return out;
    }

    @Override
    public void partitionsRemoved(List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            positions.remove(tp);
            fetchingOffsets.remove(tp);
        }
    }

    // ---------------------------------------------------------------- the poll loop

    private void poll() {
        if (state != State.IN_POLL) {
            return;
        }
        member.coordinatorPoll();
        if (!member.isAlive() || state != State.IN_POLL) {
            return;
        }
        List<TopicPartition> owned = member.owned();
        initPositions(owned);
        List<Segment> segments = fetch(owned);
        if (!segments.isEmpty()) {
            startBatch(segments);
            return;
        }
        long wake = nextDataUs(owned);
        long autoCommit = member.nextAutoCommitUs();
        if (autoCommit > sim.now()) {
            wake = Math.min(wake, autoCommit);
        }
        if (wake != Long.MAX_VALUE) {
            sim.reschedule(pollTimer, Math.max(0, wake - sim.now()));
        }
    }

    /** Newly assigned partitions need a position: the committed offset (OffsetFetch) or the reset policy. */
    private void initPositions(List<TopicPartition> owned) {
        List<TopicPartition> need = new ArrayList<>();
        for (TopicPartition tp : owned) {
            if (!positions.containsKey(tp) && !fetchingOffsets.contains(tp)) {
                need.add(tp);
            }
        }
        if (need.isEmpty()) {
            return;
        }
        fetchingOffsets.addAll(need);
        member.fetchCommitted(need, committed -> {
            for (TopicPartition tp : need) {
                if (!fetchingOffsets.remove(tp) || !member.mayFetch(tp)) {
                    continue;
                }
                long c = committed.getOrDefault(tp, -1L);
                // auto.offset.reset: earliest (0) or latest (the log end now).
                positions.put(tp, c >= 0 ? c : (resetToEarliest ? 0 : data.logEndOffset(tp, sim.now())));
            }
            wakeup();
        });
    }

    /** Up to {@code max.poll.records} from the fetchable partitions, taken round-robin. */
    private List<Segment> fetch(List<TopicPartition> owned) {
        int n = owned.size();
        if (n == 0) {
            return List.of();
        }
        List<Segment> out = new ArrayList<>();
        long remaining = maxPollRecords;
        long now = sim.now();
        int start = Math.floorMod(roundRobin, n);
        for (int k = 0; k < n && remaining > 0; k++) {
            TopicPartition tp = owned.get((start + k) % n);
            Long pos = positions.get(tp);
            if (pos == null || !member.mayFetch(tp)) {
                continue;
            }
            long available = data.logEndOffset(tp, now) - pos;
            if (available <= 0) {
                continue;
            }
            long take = Math.min(available, remaining);
            out.add(new Segment(tp, pos, pos + take));
            positions.put(tp, pos + take);
            remaining -= take;
            String from = data.fetchRack(tp, rack);
            if (rack != null && from != null && !from.equals(rack)) {
                ledger.crossRackBytes(group, name, take * data.recordBytes(tp.topic()), now);
            }
        }
        roundRobin = start + 1;
        return out;
    }

    private long nextDataUs(List<TopicPartition> owned) {
        long next = Long.MAX_VALUE;
        for (TopicPartition tp : owned) {
            Long pos = positions.get(tp);
            if (pos == null || !member.mayFetch(tp)) {
                continue;
            }
            next = Math.min(next, data.topic(tp.topic()).timeWhenAbove(tp.partition(), pos, sim.now()));
        }
        return next == Long.MAX_VALUE ? next : next + network.latencyUs(endpoint);
    }

    private void startBatch(List<Segment> segments) {
        long n = 0;
        for (Segment s : segments) {
            n += s.count();
        }
        batch = segments;
        batchStartUs = sim.now();
        batchEndUs = sim.now() + processing.forRecords((int) n);
        state = State.PROCESSING;
        member.pollReturned();
        sim.reschedule(batchTimer, batchEndUs - sim.now());
    }

    private void batchDone() {
        if (state != State.PROCESSING) {
            return;
        }
        for (Segment s : batch) {
            ledger.recordsProcessed(group, name, s.tp(), s.from(), s.to(), batchStartUs, batchEndUs);
        }
        batch = List.of();
        afterBatch();
    }

    private void afterBatch() {
        if (commitMode == CommitMode.SYNC_PER_BATCH || commitMode == CommitMode.ASYNC_PER_BATCH) {
            SortedMap<TopicPartition, Long> offsets = consumedPositions(member.owned());
            if (!offsets.isEmpty() || member.generationId() < 0) {
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
        long total = 0;
        for (Segment s : batch) {
            total += s.count();
        }
        long span = Math.max(1, batchEndUs - batchStartUs);
        long done = Math.min(total, (long) Math.floor(total * (double) (nowUs - batchStartUs) / span));
        for (Segment s : batch) {
            if (done <= 0) {
                break;
            }
            long k = Math.min(done, s.count());
            ledger.recordsProcessed(group, name, s.tp(), s.from(), s.from() + k, batchStartUs, nowUs);
            done -= k;
        }
        batch = List.of();
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

    /** Positions of the partitions this consumer fetches (for tests and reports). */
    public Map<TopicPartition, Long> positions() {
        return java.util.Collections.unmodifiableMap(positions);
    }
}
