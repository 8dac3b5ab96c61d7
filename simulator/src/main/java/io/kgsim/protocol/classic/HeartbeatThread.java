package io.kgsim.protocol.classic;

import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import io.kgsim.protocol.CoordinatorChannel;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.ProcessState;
import org.apache.kafka.common.protocol.Errors;

/**
 * {@code AbstractCoordinator.HeartbeatThread} with its {@code HeartbeatResponseHandler}: a
 * heartbeat every {@code heartbeat.interval.ms} (counted from the previous send) while the
 * member's Kafka state is COMPLETING_REBALANCE or STABLE ({@code hasNotJoinedGroup}); it waits
 * while the process is frozen or the coordinator unknown.
 *
 * <p>Each turn of the thread's loop first checks the client's own session timer
 * ({@code Heartbeat.sessionTimer}: reset by every heartbeat answer, NONE or
 * REBALANCE_IN_PROGRESS, when the thread is enabled, and when FindCoordinator answers). Once
 * {@code session.timeout.ms} passed without one, the thread marks the coordinator unknown
 * ("session timed out without receiving a heartbeat response"), which disconnects it, and
 * waits {@code retry.backoff.ms} while the coordinator is looked up again before its next
 * heartbeat. A member back from a GC pause longer than its session therefore learns that it
 * was removed about {@code retry.backoff.ms} after it resumes, not at once.
 */
final class HeartbeatThread {
    private final ClassicMember member;
    private final ClassicMembership membership;
    private final Simulation sim;
    private final CoordinatorChannel channel;
    private final ClassicGroupRequests coordinator;
    private final MemberConfig config;
    private final Timer timer;
    /** When the next heartbeat is due ({@code Heartbeat.heartbeatTimer}). */
    private long nextHeartbeatUs;
    /** When the client's session timer expires ({@code Heartbeat.sessionTimer}). */
    private long sessionDeadlineUs;
    /**
     * Bumped when the session check disconnects the coordinator: heartbeats sent before fail
     * with the connection ({@code DisconnectException}), so their late answers are ignored.
     */
    private int connection;

    HeartbeatThread(ClassicMember member, ClassicMembership membership, Simulation sim, CoordinatorChannel channel,
                    ClassicGroupRequests coordinator, MemberConfig config) {
        this.member = member;
        this.membership = membership;
        this.sim = sim;
        this.channel = channel;
        this.coordinator = coordinator;
        this.config = config;
        this.timer = sim.newTimer(this::heartbeatDue);
    }

    /** Enabled with fresh timers (a JoinGroup answered): the first heartbeat one interval from now. */
    void restart() {
        resetSession();
        wakeAt(sim.now() + Durations.ms(config.heartbeatIntervalMs()));
    }

    /** {@code Heartbeat.resetSessionTimeout}: a heartbeat answered, or FindCoordinator found the coordinator. */
    void resetSession() {
        // Only ever later: a pending wake-up for the old deadline finds nothing to do and sleeps on.
        sessionDeadlineUs = sim.now() + Durations.ms(config.sessionTimeoutMs());
    }

    /** The thread sleeps until the next heartbeat is due or the session timer expires, whichever comes first. */
    private void wakeAt(long heartbeatUs) {
        nextHeartbeatUs = heartbeatUs;
        sim.reschedule(timer, Math.max(0, Math.min(heartbeatUs, sessionDeadlineUs) - sim.now()));
    }

    /** Disabled: a JoinGroup is out, the member was reset, or the process closes. */
    void stop() {
        sim.cancel(timer);
    }

    /** A GC pause: the thread stands still until {@code untilUs}. */
    void freeze(long untilUs) {
        if (timer.isPending() && timer.time() < untilUs) {
            sim.reschedule(timer, untilUs - sim.now());
        }
    }

    /** One turn of the thread's loop, in its order: coordinator, session timer, heartbeat timer. */
    private void heartbeatDue() {
        if (member.processState() != ProcessState.RUNNING || !membership.state().kafkaState().sendsHeartbeats()) {
            return;
        }
        if (channel.isFrozen()) {
            sim.reschedule(timer, channel.frozenUntilUs() - sim.now());
            return;
        }
        if (!channel.coordinatorKnown()) {
            // The heartbeat thread waits for the coordinator to be found again.
            sim.reschedule(timer, Durations.ms(config.retryBackoffMs()));
            return;
        }
        if (sim.now() >= sessionDeadlineUs) {
            sessionTimedOut();
            return;
        }
        if (sim.now() < nextHeartbeatUs) {
            wakeAt(nextHeartbeatUs);
            return;
        }
        wakeAt(sim.now() + Durations.ms(config.heartbeatIntervalMs()));
        int sentGeneration = membership.generationId();
        int sentConnection = connection;
        HeartbeatRequest req = new HeartbeatRequest(member.groupId(), membership.memberId(), member.groupInstanceId(), sentGeneration);
        channel.send(coordinator::handleHeartbeat, req, error -> onHeartbeatResponse(error, sentGeneration, sentConnection),
                Errors.REQUEST_TIMED_OUT);
    }

    /**
     * No heartbeat answered within {@code session.timeout.ms} (the process was frozen, or cut
     * off): "the session timeout has expired without seeing a successful heartbeat, so we should
     * probably make sure the coordinator is still healthy". The coordinator is marked unknown
     * (traced as REQUEST_TIMED_OUT: its answers did not come in time) and looked up again; the
     * thread tries again after {@code retry.backoff.ms}, its heartbeat being overdue by then.
     */
    private void sessionTimedOut() {
        connection++;
        channel.markCoordinatorUnknown(Errors.REQUEST_TIMED_OUT);
        sim.reschedule(timer, Durations.ms(config.retryBackoffMs()));
    }

    /** {@code HeartbeatResponseHandler}. */
    private void onHeartbeatResponse(Errors error, int sentGeneration, int sentConnection) {
        if (sentConnection != connection) {
            // Sent on the connection the session check closed: it failed with it (DisconnectException).
            return;
        }
        switch (error) {
            case NONE -> resetSession();
            case REBALANCE_IN_PROGRESS -> {
                // Valid while the group rebalances: the session goes on (Heartbeat.receiveHeartbeat).
                resetSession();
                // Only a STABLE member rejoins; in COMPLETING_REBALANCE the SyncGroup answers it.
                if (membership.state().kafkaState() == MemberState.STABLE) {
                    member.emit(GroupEventType.HEARTBEAT_ERROR, error.name());
                    membership.requestRejoin();
                }
            }
            case ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID -> onFenced(error, sentGeneration);
            default -> {
                member.emit(GroupEventType.HEARTBEAT_ERROR, error.name());
                if (CoordinatorChannel.isCoordinatorError(error)) {
                    channel.markCoordinatorUnknown(error);
                }
            }
        }
    }

    private void onFenced(Errors error, int sentGeneration) {
        if (sentGeneration != membership.generationId() || membership.state().kafkaState() == MemberState.PREPARING_REBALANCE) {
            // An answer for an earlier generation, or a rejoin is already under way.
            return;
        }
        member.emit(GroupEventType.HEARTBEAT_ERROR, error.name());
        if (error == Errors.FENCED_INSTANCE_ID) {
            member.fail(error.name());
            return;
        }
        membership.resetState(error == Errors.UNKNOWN_MEMBER_ID, "heartbeat " + error);
        member.requestPoll();
    }
}
