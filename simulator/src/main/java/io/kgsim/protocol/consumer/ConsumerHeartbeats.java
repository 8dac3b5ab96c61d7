package io.kgsim.protocol.consumer;

import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import io.kgsim.protocol.CoordinatorChannel;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * {@code ConsumerHeartbeatRequestManager} with its {@code HeartbeatState} (Kafka 4.4): when a
 * {@code ConsumerGroupHeartbeat} goes out and what it carries.
 * <ul>
 * <li>At most one heartbeat in flight (the leave heartbeat excepted). JOINING and ACKNOWLEDGING
 *     send at once (after the one in flight); the other states that heartbeat wait for the
 *     interval timer, which restarts at every send, and at every answer that brings a different
 *     interval (0 until the first answer, then the broker's
 *     {@code group.consumer.heartbeat.interval.ms}).
 * <li>A failed heartbeat waits {@code retry.backoff.ms}, doubling up to
 *     {@code retry.backoff.max.ms} (Kafka adds 20% jitter; kgsim does not).
 * <li>Fields: group, member id, epoch and instance id always; the rebalance timeout, subscription,
 *     server assignor and owned partitions only when joining, after an error, or when changed
 *     since the last send; the rack only when joining. A heartbeat without owned partitions
 *     leaves the coordinator assuming the member still owns what it had to revoke. The owned
 *     partitions are the client's {@code currentAssignment}, the last reconciled assignment with
 *     its local epoch, and "changed" compares both, so every completed reconciliation lists
 *     them, even one that changed nothing but the epoch.
 * </ul>
 */
final class ConsumerHeartbeats {
    private final ConsumerMember member;
    private final ConsumerMembership membership;
    private final Simulation sim;
    private final CoordinatorChannel channel;
    private final ConsumerGroupRequests coordinator;
    private final ConsumerMemberConfig config;
    private final Timer timer;
    private int intervalMs;
    /** The interval timer: a regular heartbeat may leave at or after this instant. */
    private long nextDueUs;
    /** After a failure no heartbeat leaves before this instant. */
    private long backoffUntilUs;
    private int failedAttempts;
    private boolean inFlight;
    /** Bumped by every rejoin, leave and fence: answers to heartbeats sent before are dropped. */
    private int round;
    /** {@code sentFields}: what the last heartbeat carried; null when the next must carry it again. */
    private List<String> sentTopics;
    private List<TopicPartition> sentOwned;
    private int sentOwnedLocalEpoch;

    ConsumerHeartbeats(ConsumerMember member, ConsumerMembership membership, Simulation sim, CoordinatorChannel channel,
                       ConsumerGroupRequests coordinator, ConsumerMemberConfig config) {
        this.member = member;
        this.membership = membership;
        this.sim = sim;
        this.channel = channel;
        this.coordinator = coordinator;
        this.config = config;
        this.timer = sim.newTimer(this::maybeSend);
    }

    int intervalMs() {
        return intervalMs;
    }

    boolean inFlight() {
        return inFlight;
    }

    /** A new round (rejoin, leave, fence): earlier answers are dropped and the next heartbeat carries every field. */
    void newRound() {
        round++;
        inFlight = false;
        resetSentFields();
        failedAttempts = 0;
        backoffUntilUs = 0;
    }

    void stop() {
        round++;
        inFlight = false;
        sim.cancel(timer);
    }

    private void resetSentFields() {
        sentTopics = null;
        sentOwned = null;
    }

    /**
     * {@code AbstractHeartbeatRequestManager.poll}: sends a heartbeat if the state asks for one
     * now or the interval has passed, none being in flight; else waits for the timer or the answer.
     */
    void maybeSend() {
        ConsumerMemberState s = membership.state();
        if (!member.running() || !channel.coordinatorKnown() || s.isNotInGroup() || s == ConsumerMemberState.LEAVING) {
            return;
        }
        if (channel.isFrozen()) {
            sim.reschedule(timer, channel.frozenUntilUs() - sim.now());
            return;
        }
        if (membership.pollTimerExpired() && !s.isLeaving()) {
            membership.pollTimeoutExpired();
            return;
        }
        if (inFlight) {
            return;
        }
        long now = sim.now();
        if (now >= backoffUntilUs && (s.heartbeatsNow() || now >= nextDueUs)) {
            send();
        } else {
            long at = Math.max(backoffUntilUs, s.heartbeatsNow() ? now : nextDueUs);
            if (!timer.isPending() || timer.time() != at) {
                sim.reschedule(timer, at - now);
            }
        }
    }

    private void send() {
        ConsumerGroupHeartbeatRequest req = build();
        inFlight = true;
        nextDueUs = sim.now() + Durations.ms(intervalMs);
        if (intervalMs > 0) {
            sim.reschedule(timer, Durations.ms(intervalMs));
        }
        membership.onHeartbeatBuilt();
        int sentRound = round;
        channel.send(coordinator::handleHeartbeat, req, resp -> onResponse(sentRound, resp),
                ConsumerGroupHeartbeatResponse.error(Errors.REQUEST_TIMED_OUT, null, req.memberId()));
    }

    /** {@code HeartbeatState.buildRequestData}. */
    private ConsumerGroupHeartbeatRequest build() {
        boolean joining = membership.state() == ConsumerMemberState.JOINING;
        boolean all = joining || sentTopics == null;
        List<String> topics = member.topics();
        // The owned partitions are currentAssignment, not what the member owns right now: between a
        // reconciliation's onPartitionsRevoked and its onPartitionsAssigned the two differ, and
        // listing the revoked-but-not-yet-assigned set would tell the coordinator that partitions
        // this reconciliation is adding were already given up.
        List<TopicPartition> owned = joining ? List.of() : membership.currentAssignment();
        int localEpoch = membership.currentLocalEpoch();
        List<String> sendTopics = all || !topics.equals(sentTopics) ? topics : null;
        // HeartbeatState.buildRequestData compares the LocalAssignment, local epoch included.
        List<TopicPartition> sendOwned = all || localEpoch != sentOwnedLocalEpoch || !owned.equals(sentOwned) ? owned : null;
        sentTopics = topics;
        sentOwned = owned;
        sentOwnedLocalEpoch = localEpoch;
        return new ConsumerGroupHeartbeatRequest(member.groupId(), member.name(), membership.memberId(), membership.memberEpoch(),
                member.groupInstanceId(), joining ? member.rack() : null, all ? config.maxPollIntervalMs() : -1, sendTopics,
                all ? config.remoteAssignor() : null, sendOwned);
    }

    private void onResponse(int sentRound, ConsumerGroupHeartbeatResponse resp) {
        if (sentRound != round) {
            return;
        }
        inFlight = false;
        if (resp.error() == Errors.NONE) {
            failedAttempts = 0;
            if (resp.heartbeatIntervalMs() > 0 && resp.heartbeatIntervalMs() != intervalMs) {
                // updateHeartbeatIntervalMs: the countdown restarts from the answer.
                intervalMs = resp.heartbeatIntervalMs();
                nextDueUs = sim.now() + Durations.ms(intervalMs);
            }
            membership.onHeartbeatSuccess(resp);
        } else {
            resetSentFields();
            long backoffMs = Math.min(config.retryBackoffMaxMs(), config.retryBackoffMs() << Math.min(failedAttempts, 20));
            failedAttempts++;
            backoffUntilUs = sim.now() + Durations.ms(backoffMs);
            nextDueUs = Math.min(nextDueUs, backoffUntilUs);
            membership.onHeartbeatError(resp.error(), resp.errorMessage());
        }
        maybeSend();
    }

    /**
     * The leave heartbeat (-1, or -2 for a static member), sent whatever is in flight; nothing
     * waits for its answer. Skipped when the coordinator is unknown, as the client does.
     */
    void sendLeave(int epoch) {
        newRound();
        sim.cancel(timer);
        if (!channel.coordinatorKnown()) {
            return;
        }
        ConsumerGroupHeartbeatRequest req = new ConsumerGroupHeartbeatRequest(member.groupId(), member.name(), membership.memberId(),
                epoch, member.groupInstanceId(), null, -1, null, null, null);
        channel.sendOneWay(() -> coordinator.handleHeartbeat(req, resp -> { }));
    }
}
