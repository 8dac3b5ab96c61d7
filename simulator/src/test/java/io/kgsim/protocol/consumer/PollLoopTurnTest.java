package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.GroupEventType.ASSIGNMENT_RECEIVED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_ASSIGNED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_REVOKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the application thread runs a consumer-protocol member's rebalance callbacks. Kafka 4.4's
 * background thread queues them ({@code ConsumerMembershipManager}) and the application thread
 * runs them at the top of each turn of {@code AsyncKafkaConsumer.poll}'s loop; an idle loop waits
 * {@code retry.backoff.ms} (R) per turn in {@code FetchBuffer.awaitWakeup}, cut short only by a
 * fetch response bringing data. A busy application with records buffered runs one per poll():
 * each poll() returns its records after a single turn, before the background thread has queued
 * the next step.
 *
 * <p>Fixed 1 ms latency (L): a member's join answer comes at start + 4L (FindCoordinator, then
 * the join heartbeat); kgsim's poll loop restarts its wait when FindCoordinator answers
 * (start + 2L) and when assigned partitions' positions arrive (2L after the assignment).
 */
class PollLoopTurnTest {
    private static final long L = 1;
    /** cluster.coordinator.write.latency's default: a heartbeat that changed the group, and a commit, are answered once written. */
    private static final long W = 2;
    private static final String NO_COMMIT = "    commit: none";
    /** What an idle turn adds to its retry.backoff.ms wait (ConsumerMember.POLL_TURN_WORK_US), in ms. */
    private static final long T = 1;

    private static Runs.Recorded run(String topic, String consumer, String config, String timeline) {
        return Runs.run("""
                name: poll-turns
                seed: 3
                duration: 20s
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 2
                %s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 1
                %s
                    config:
                      group.protocol: consumer
                %s
                timeline:
                %s""".formatted(topic, consumer, config, timeline));
    }

    private static List<Long> times(Runs.Recorded r, GroupEventType type, String member) {
        return r.filter(e -> e.type() == type && member.equals(e.member())).stream().map(e -> e.timeUs() / Durations.US_PER_MS).toList();
    }

    /** An idle member takes its join answer's partitions at its loop's next turn, not when the answer arrives. */
    @Test
    void anIdleConsumerTakesItsJoinAssignmentAtTheNextTurnOfItsPollLoop() {
        String alone = "  - at: 15s\n    stop: g/c1\n";
        // Auto-commit off, nothing revoked: the background thread starts the reconciliation at once
        // (maybeReconcile(false)), onPartitionsAssigned waits for one turn.
        Runs.Recorded off = run("", NO_COMMIT, "      enable.auto.commit: false", alone);
        assertEquals(List.of(4 * L + W), times(off, ASSIGNMENT_RECEIVED, "c1"));
        assertEquals(List.of(2 * L + 100 + T), times(off, PARTITIONS_ASSIGNED, "c1"), "one turn: the default 100 ms and its work");
        Runs.Recorded slower = run("", NO_COMMIT, "      enable.auto.commit: false\n      retry.backoff.ms: 250", alone);
        assertEquals(List.of(2 * L + 250 + T), times(slower, PARTITIONS_ASSIGNED, "c1"), "the turn is retry.backoff.ms and its work");
        // Auto-commit on: the reconciliation starts only at the application's next poll (maybeReconcile(true)),
        // onPartitionsAssigned at the turn after it.
        Runs.Recorded auto = run("", "", "      enable.auto.commit: true", alone);
        assertEquals(List.of(2 * L + 2 * (100 + T)), times(auto, PARTITIONS_ASSIGNED, "c1"), "two turns");
    }

    /**
     * c1 owns both partitions from 2.003 s (retry.backoff.ms 2 s); c2 joins at 3 s and c1 learns
     * it must give one up in the answer to its heartbeat at 7.003 s. Idle, its loop turns at
     * 2.005 s + 2.001k s (its wait began when its positions came): the reconciliation starts at 8.008 s
     * and onPartitionsRevoked runs at 10.009 s. With records arriving every 0.5 s (1 ms after each
     * is produced, auto.offset.reset latest), the first fetch response after the answer (7.501 s)
     * ends the wait and starts it; the one record takes 1 ms and the poll after it revokes.
     */
    @Test
    void aFetchResponseBringingDataEndsTheWaitEarly() {
        String consumer = NO_COMMIT + "\n    processing:\n      per.record: fixed(1ms)";
        String config = "      enable.auto.commit: false\n      retry.backoff.ms: 2000";
        String c2 = "  - at: 3s\n    start: {group: g, count: 1}\n";
        Runs.Recorded idle = run("", consumer, config, c2);
        Runs.Recorded fed = run("    produce:\n      rate: 4/s", consumer, config, c2);
        for (Runs.Recorded r : List.of(idle, fed)) {
            assertEquals(List.of(2 * L + 2_000 + T), times(r, PARTITIONS_ASSIGNED, "c1"));
            assertEquals(7_003 + 2 * L + W, (long) times(r, ASSIGNMENT_RECEIVED, "c1").get(1), "the answer that revokes");
        }
        assertEquals(List.of(2_005L + 3 * (2_000 + T) + 2_000 + T), times(idle, PARTITIONS_REVOKED, "c1"), "two idle turns of 2 s");
        assertEquals(List.of(7_500 + L + 1), times(fed, PARTITIONS_REVOKED, "c1"), "a data turn, then the poll after its batch");
    }

    /**
     * A member processing a batch when the answer comes takes one step of the reconciliation per
     * poll(), one batch apart: one-record batches of B back to back from the first record's arrival
     * (produced at 0.2 s, fetched 1 ms later; a backlog builds, so each poll() returns at once with
     * records). Auto-commit off, one partition revoked: the start (maybeReconcile(true), which
     * queues onPartitionsRevoked at once) needs a poll() that submits an AsyncPollEvent, which with
     * records buffered is every other one: poll() k takes batch k, and poll() 0, an idle turn,
     * submitted one, so the even ones do; onPartitionsRevoked then runs at the next poll(). (With
     * the whole reconciliation at the first poll() after the answer, as before, it would run at the
     * end of the batch in hand.)
     */
    private static Runs.Recorded busy(long batchMs, boolean autoCommit, String timeline) {
        return run("    produce:\n      rate: 10/s",
                (autoCommit ? "" : NO_COMMIT) + "\n    processing:\n      per.record: fixed(" + batchMs + "ms)",
                "      enable.auto.commit: " + autoCommit + "\n      auto.offset.reset: earliest\n      max.poll.records: 1",
                "  - at: 1300ms\n    start: {group: g, count: 1}\n" + timeline);
    }

    @Test
    void aBusyConsumerTakesOneStepOfItsReconciliationPerPoll() {
        long firstBatch = 200 + L;
        long b = 700;
        Runs.Recorded r = busy(b, false, "");
        assertEquals(5_105 + W, (long) times(r, ASSIGNMENT_RECEIVED, "c1").get(1), "the answer that revokes");
        // The answer falls in batch 7 (5.101 s to 5.801 s); poll() 8 submits an AsyncPollEvent and starts.
        long start = firstBatch + 8 * b;
        assertEquals(List.of(start + b), times(r, PARTITIONS_REVOKED, "c1"), "onPartitionsRevoked at the next poll()");
    }

    @Test
    void aBusyConsumerStartsOnlyAtAPollThatSubmitsAPollEvent() {
        long firstBatch = 200 + L;
        long b = 800;
        Runs.Recorded r = busy(b, false, "");
        assertEquals(5_105 + W, (long) times(r, ASSIGNMENT_RECEIVED, "c1").get(1), "the answer that revokes");
        // The answer falls in batch 6 (5.001 s to 5.801 s); poll() 7 keeps the previous AsyncPollEvent
        // (the buffer holds records), so the reconciliation starts at poll() 8.
        long start = firstBatch + 8 * b;
        assertEquals(List.of(start + b), times(r, PARTITIONS_REVOKED, "c1"));
    }

    /**
     * Auto-commit on (Kafka's default): each reconciliation starts with a commit at a poll() that
     * submits an AsyncPollEvent, and the callback it leads to runs at the next poll(), not when the
     * commit's answer comes back. c1 takes its join assignment in two idle turns (2L + 2R) and its
     * positions 2L later, so its batches begin at 0.204 s + kB. The revocation's answer (5.206 s)
     * falls in batch 7: poll() 8 commits, poll() 9 revokes. c2 stops at 13 s and c1 gets t-1 back in
     * the answer at 17.208 s, in batch 24: poll() 25 submits no event, poll() 26 commits, poll() 27
     * runs onPartitionsAssigned.
     */
    @Test
    void aBusyConsumerTakesItsPartitionsOnePollAfterTheAutoCommit() {
        long b = 700;
        long firstBatch = 2 * L + 2 * (100 + T) + 2 * L;
        Runs.Recorded r = busy(b, true, "  - at: 13s\n    stop: g/c2\n");
        List<Long> answers = times(r, ASSIGNMENT_RECEIVED, "c1");
        assertEquals(List.of(4 + W, 5_206 + W, 17_208 + W), answers);
        List<Long> commits = times(r, GroupEventType.OFFSETS_COMMITTED, "c1");
        assertTrue(commits.contains(firstBatch + 8 * b + L), "the commit before the revocation, sent at poll() 8: " + commits);
        assertEquals(List.of(firstBatch + 9 * b), times(r, PARTITIONS_REVOKED, "c1"), "onPartitionsRevoked at poll() 9");
        assertTrue(commits.contains(firstBatch + 26 * b + L), "the commit before the gain, sent at poll() 26: " + commits);
        assertEquals(List.of(2 * L + 2 * (100 + T), firstBatch + 27 * b), times(r, PARTITIONS_ASSIGNED, "c1"), "onPartitionsAssigned at poll() 27");
    }
}
