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
import io.kgsim.protocol.GroupMember;
import io.kgsim.protocol.MemberHost;
import io.kgsim.scenario.CommitMode;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer application: the thread that loops {@code poll()} then processes what it got, and
 * the fetcher's positions. It drives its {@link GroupMember}'s main-thread steps on every
 * poll and is what the member's protocol waits for: a member busy processing a batch rejoins
 * only when the batch is done, and one that takes longer than {@code max.poll.interval.ms}
 * is thrown out of the group by its own heartbeat thread.
 *
 * <p>The states: {@code STOPPED} (no process), {@code IN_POLL} (waiting for records: it wakes
 * when data arrives, when the member needs the main thread, at the loop's next turn for work a
 * consumer-protocol member queued, or when an auto-commit is due),
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
    private final GroupEventListener events;
    private final String group;
    private final String name;
    private final DataPlaneListener.MemberSink work;
    private final ProcessingTime processing;
    private final CommitMode commitMode;
    private final int maxPollRecords;
    private final Timer pollTimer;
    private final Timer batchTimer;
    private final Timer resumeTimer;
    private final Fetcher fetcher;
    private final Batch batch = new Batch();
    private final long batchIntervalUs;
    /** Handed to each OffsetFetch: a poll as soon as positions are known (one instance, not one per poll). */
    private final Runnable positionsFound = this::wakeup;

    private State state = State.STOPPED;
    private long lastBatchUs = Long.MIN_VALUE / 2;
    private boolean stopAfterBatch;
    /** A rolling restart's replacement process waits for this one to finish its batch and close. */
    private boolean startAfterClose;
    private long pausedUntilUs;
    /**
     * The poll loop's turns while idle in {@code poll()} (consumer protocol): when the current wait
     * began, whether background work waits for the next turn, and the turn length
     * ({@code retry.backoff.ms}).
     */
    private long waitStartUs;
    private boolean turnRequested;
    private long turnUs;
    /**
     * Kafka 4.4's {@code AsyncKafkaConsumer.inflightPoll}: whether the last turn submitted an
     * {@code AsyncPollEvent} that is still held, and whether the current turn submitted one.
     */
    private boolean inflightPollEvent;
    private boolean pollEventSubmitted;

    public ConsumerApp(Simulation sim, GroupMember member, DataPlane data, Network network, DataPlaneListener ledger,
                       GroupEventListener events, String group, String rack, ProcessingTime processing, CommitMode commitMode,
                       boolean resetToEarliest, int maxPollRecords, long batchIntervalUs) {
        this.sim = sim;
        this.member = member;
        this.events = events;
        this.group = group;
        this.name = member.name();
        this.work = ledger.member(group, name);
        this.processing = processing;
        this.commitMode = commitMode;
        this.maxPollRecords = maxPollRecords;
        this.batchIntervalUs = batchIntervalUs;
        this.fetcher = new Fetcher(sim, member, data, ledger, group, rack, network.link(group + "/" + name + "/fetch"), resetToEarliest,
                maxPollRecords);
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
        fetcher.clear();
        state = State.IN_POLL;
        pausedUntilUs = 0;
        inflightPollEvent = false;
        member.start();
    }

    /**
     * A rolling restart's new process: started now, or, while the old one still finishes its
     * batch after a graceful stop, as soon as it has closed (an orchestrator starts the
     * replacement only once the old process has exited). A plain {@link #start()} would instead
     * cancel the pending stop, and the member would never be restarted.
     */
    public void startReplacement() {
        if (state == State.STOPPED) {
            start();
        } else if (stopAfterBatch) {
            startAfterClose = true;
        }
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
        if (startAfterClose) {
            startAfterClose = false;
            sim.schedule(0, this::start);
        }
    }

    /** Killed: the work done on the batch in hand so far counts, nothing else survives. */
    public void crash() {
        if (state == State.STOPPED) {
            return;
        }
        if (state == State.PROCESSING) {
            batch.interruptedAt(sim.now(), work);
        }
        cancelTimers();
        state = State.STOPPED;
        stopAfterBatch = false;
        startAfterClose = false;
        member.crash();
        fetcher.clear();
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
                batch.extendBy(Math.max(0, until - Math.max(sim.now(), pausedUntilUs)));
                sim.reschedule(batchTimer, batch.endUs() - sim.now());
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
        pollCalled();
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
        return fetcher.consumedPositions(partitions);
    }

    @Override
    public void partitionsRemoved(List<TopicPartition> partitions) {
        fetcher.partitionsRemoved(partitions);
    }

    /**
     * Kafka 4.4's {@code AsyncKafkaConsumer.poll} loops {@code checkInflightPoll} (which runs
     * {@code processBackgroundEvents}: the rebalance callbacks the background thread queued) and
     * {@code pollForFetches}, which waits in {@code FetchBuffer.awaitWakeup(pollTimeout)}. With
     * nothing buffered ({@code pollForFetches} cuts {@code pollTimeout} to {@code retry.backoff.ms}
     * when no partition is assigned, positions are missing, or a fetchable partition has no buffered
     * data) the wait ends after {@code retry.backoff.ms}, or earlier when a fetch response adds data
     * ({@code FetchBuffer.add}); queuing a background event does not end it
     * ({@code BackgroundEventHandler.add} wakes nobody). So an idle consumer turns every
     * {@code retry.backoff.ms} from when its wait began, and queued work runs at the next turn: the
     * earlier of that and the poll already due for data. A busy one runs it when it next calls
     * {@code poll()}; when that call finds records at once ({@code pollForFetches} returns them from
     * the fetch buffer without waiting) it returns after that one turn, so work the background
     * thread queues in answer (the next callback) waits for the {@code poll()} after.
     */
    @Override
    public void wakeupAtNextPollTurn(long retryBackoffUs) {
        if (state != State.IN_POLL) {
            return;
        }
        turnRequested = true;
        turnUs = retryBackoffUs;
        long next = nextTurnUs();
        if (!pollTimer.isPending() || pollTimer.time() > next) {
            sim.reschedule(pollTimer, next - sim.now());
        }
    }

    /** The first turn of the idle wait strictly after now (a turn at this instant has already run). */
    private long nextTurnUs() {
        if (turnUs <= 0) {
            return sim.now();
        }
        return waitStartUs + ((sim.now() - waitStartUs) / turnUs + 1) * turnUs;
    }

    /**
     * Kafka 4.4's {@code AsyncKafkaConsumer.checkInflightPoll}: a turn submits a new
     * {@code AsyncPollEvent} (whose processing runs {@code maybeReconcile(true)}) only when no
     * earlier one is held. The first turn of a {@code poll()} call keeps the previous call's
     * completed event while the fetch buffer holds records ({@code maybeClearPreviousInflightPoll}),
     * and drops it after {@code processBackgroundEvents} ({@code maybeClearCurrentInflightPoll}):
     * such a call submits none. So a backlogged application, whose buffer is never empty when it
     * polls, submits one every other {@code poll()}; an idle loop submits one at every turn. The
     * background thread is taken to complete each event (positions, fetch requests) long before the
     * application's next turn.
     */
    @Override
    public boolean pollEventSubmitted() {
        return pollEventSubmitted;
    }

    // ---------------------------------------------------------------- the poll loop

    /** The application calls {@code poll()} (after a batch, a commit or a stall): the first turn of its loop. */
    private void pollCalled() {
        if (state != State.IN_POLL) {
            return;
        }
        boolean bufferHeld = inflightPollEvent && fetcher.available(fetcher.fetchOrder(member.owned())) > 0;
        pollEventSubmitted = !bufferHeld;
        inflightPollEvent = !bufferHeld;
        turn();
    }

    /** A later turn of the loop inside the same {@code poll()} call: the buffer was empty, the held event is replaced. */
    private void poll() {
        if (state != State.IN_POLL) {
            return;
        }
        pollEventSubmitted = true;
        inflightPollEvent = true;
        turn();
    }

    private void turn() {
        beginTurn();
        member.poll();
        if (!member.isAlive() || state != State.IN_POLL) {
            return;
        }
        FetchedPartition[] owned = fetcher.fetchOrder(member.owned());
        fetcher.initPositions(owned, positionsFound);
        long now = sim.now();
        long batchDue = lastBatchUs + batchIntervalUs;
        if ((now >= batchDue || fetcher.available(owned) >= maxPollRecords)
                && batch.fill(owned, member, member.revokingEverything() ? 0 : maxPollRecords, now, work)) {
            lastBatchUs = now;
            startBatch();
            return;
        }
        long wake = fetcher.nextDataUs(owned);
        if (wake != Long.MAX_VALUE) {
            // Keeping up: records wait until a batch interval after the previous batch began.
            wake = Math.max(wake, batchDue);
        }
        long autoCommit = member.nextAutoCommitUs();
        if (autoCommit > sim.now()) {
            wake = Math.min(wake, autoCommit);
        }
        if (turnRequested) {
            // The member queued work during this turn: it runs at the next one.
            wake = Math.min(wake, nextTurnUs());
        }
        if (wake != Long.MAX_VALUE) {
            sim.reschedule(pollTimer, Math.max(0, wake - sim.now()));
        }
    }

    /** This poll is a turn of the loop: the wait restarts now, and a turn that was waited for is served. */
    private void beginTurn() {
        waitStartUs = sim.now();
        if (turnRequested) {
            turnRequested = false;
            sim.cancel(pollTimer);
        }
    }

    private void startBatch() {
        batch.schedule(sim.now(), sim.now() + processing.forRecords((int) batch.records()));
        state = State.PROCESSING;
        member.pollReturned();
        sim.reschedule(batchTimer, batch.endUs() - sim.now());
    }

    private void batchDone() {
        if (state != State.PROCESSING) {
            return;
        }
        batch.done(work);
        afterBatch();
    }

    private void afterBatch() {
        if (commitMode == CommitMode.SYNC_PER_BATCH || commitMode == CommitMode.ASYNC_PER_BATCH) {
            SortedMap<TopicPartition, Long> offsets = fetcher.consumedPositions(member.owned());
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
        pollCalled();
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
