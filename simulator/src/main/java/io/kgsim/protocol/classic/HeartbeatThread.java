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
 */
final class HeartbeatThread {
    private final ClassicMember member;
    private final ClassicMembership membership;
    private final Simulation sim;
    private final CoordinatorChannel channel;
    private final ClassicGroupRequests coordinator;
    private final MemberConfig config;
    private final Timer timer;

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
        sim.reschedule(timer, Durations.ms(config.heartbeatIntervalMs()));
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
        sim.reschedule(timer, Durations.ms(config.heartbeatIntervalMs()));
        int sentGeneration = membership.generationId();
        HeartbeatRequest req = new HeartbeatRequest(member.groupId(), membership.memberId(), member.groupInstanceId(), sentGeneration);
        channel.send(coordinator::handleHeartbeat, req, error -> onHeartbeatResponse(error, sentGeneration), Errors.REQUEST_TIMED_OUT);
    }

    /** {@code HeartbeatResponseHandler}. */
    private void onHeartbeatResponse(Errors error, int sentGeneration) {
        switch (error) {
            case NONE -> {
            }
            case REBALANCE_IN_PROGRESS -> {
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
