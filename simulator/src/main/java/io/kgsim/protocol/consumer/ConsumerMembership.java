package io.kgsim.protocol.consumer;

import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.CoordinatorChannel;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.OwnedPartitions;
import io.kgsim.protocol.PollTimer;
import io.kgsim.protocol.ProcessState;
import java.util.List;
import java.util.SortedMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * One consumer instance's membership in a consumer-protocol group ({@link ConsumerMemberState}):
 * what {@code AbstractMembershipManager} and {@code ConsumerMembershipManager} do in Kafka 4.4's
 * client. A new process is a new consumer instance and gets a new one, as the client creates a
 * new membership manager per {@code KafkaConsumer}; every state change goes through
 * {@link #transitionTo}.
 *
 * <p>The target and the current assignment each carry a local epoch, as the client's
 * {@code LocalAssignment} does: an answer whose assignment differs from the target makes a new
 * target, and the member reconciles whenever the target is not the current assignment (even an
 * empty one, which then only acknowledges).
 */
final class ConsumerMembership {
    private static final int NO_ASSIGNMENT = -1;

    private final ConsumerMember member;
    private final Simulation sim;
    private final CoordinatorChannel channel;
    private final ConsumerMemberConfig config;
    private final OwnedPartitions owned;
    private final ConsumerHeartbeats heartbeats;
    private final PollTimer pollTimer;
    private final String memberId;

    private ConsumerMemberState state = ConsumerMemberState.UNSUBSCRIBED;
    private int memberEpoch;
    private List<TopicPartition> target = List.of();
    private int targetLocalEpoch = NO_ASSIGNMENT;
    private int currentLocalEpoch = NO_ASSIGNMENT;
    /**
     * The client's {@code currentAssignment}: the partitions of the last reconciled target, what
     * heartbeats list as owned. It moves only when a reconciliation completes, never at its
     * revocation step, so the coordinator never reads a half-done reconciliation (revoked but
     * not yet assigned) as the revocation of a partition that reconciliation is about to add.
     */
    private List<TopicPartition> currentAssignment = List.of();
    /** Bumped when a reconciliation starts and whenever one under way must be abandoned. */
    private int reconciliation;
    private boolean reconciling;
    /** The reconciliation under way (null before the first) and its step waiting for the application thread. */
    private Reconciliation current;
    private Step pendingStep = Step.NONE;
    private long nextAutoCommitUs;
    /** The fatal error the next poll() throws, or null. */
    private String fatalError;

    ConsumerMembership(ConsumerMember member, Simulation sim, CoordinatorChannel channel, ConsumerGroupRequests coordinator,
                       ConsumerMemberConfig config, OwnedPartitions owned, String memberId) {
        this.member = member;
        this.sim = sim;
        this.channel = channel;
        this.config = config;
        this.owned = owned;
        this.memberId = memberId;
        this.heartbeats = new ConsumerHeartbeats(member, this, sim, channel, coordinator, config);
        this.pollTimer = new PollTimer(sim, Durations.ms(config.maxPollIntervalMs()), channel,
                () -> member.running() && channel.coordinatorKnown() && !state.isNotInGroup() && !state.isLeaving(), this::pollTimeoutExpired);
    }

    /** The one place the state changes: a move the client's table does not allow fails the run with its seed and time. */
    void transitionTo(ConsumerMemberState next, String reason) {
        if (!next.canFollow(state)) {
            throw ProcessState.illegalTransition(sim, member.groupId() + "/" + member.name(), state, next, reason);
        }
        state = next;
    }

    // ---------------------------------------------------------------- the application thread

    /**
     * The application's {@code poll()} reaching the background thread: the poll timer restarts,
     * a member not in the group joins (after its lost callback), a target is reconciled, and an
     * auto-commit that is due is sent.
     */
    void poll() {
        pollTimer.enteredPoll();
        switch (state) {
            case UNSUBSCRIBED, FENCED, STALE -> join();
            case RECONCILING -> runPendingStep();
            default -> {
            }
        }
        maybeAutoCommit();
    }

    void pollReturned() {
        pollTimer.pollReturned();
    }

    /** {@code transitionToJoining}: epoch 0, no target, the same member id; the join heartbeat leaves at once. */
    private void join() {
        transitionTo(ConsumerMemberState.JOINING, "poll");
        memberEpoch = 0;
        target = List.of();
        targetLocalEpoch = NO_ASSIGNMENT;
        currentLocalEpoch = NO_ASSIGNMENT;
        currentAssignment = List.of();
        reconciliation++;
        reconciling = false;
        pendingStep = Step.NONE;
        heartbeats.newRound();
        heartbeats.maybeSend();
    }

    private void maybeAutoCommit() {
        if (!config.enableAutoCommit() || memberEpoch <= 0 || state.isNotInGroup() || state.isLeaving() || sim.now() < nextAutoCommitUs) {
            return;
        }
        nextAutoCommitUs = sim.now() + Durations.ms(config.autoCommitIntervalMs());
        SortedMap<TopicPartition, Long> positions = member.host().consumedPositions(owned.view());
        if (!positions.isEmpty()) {
            member.commitOffsets(positions, error -> { });
        }
    }

    long nextAutoCommitUs() {
        return config.enableAutoCommit() && memberEpoch > 0 && !state.isNotInGroup() ? nextAutoCommitUs : Long.MAX_VALUE;
    }

    // ---------------------------------------------------------------- reconciliation

    /**
     * What a reconciliation waits for from the application thread, as Kafka 4.4 sequences it:
     * {@code START} is the application's poll event reaching the background thread
     * ({@code ApplicationEventProcessor.process(AsyncPollEvent)} calls {@code maybeReconcile(true)});
     * {@code REVOKE} and {@code ASSIGN} are the {@code onPartitionsRevoked} and
     * {@code onPartitionsAssigned} events {@code ConsumerMembershipManager} queues for
     * {@code processBackgroundEvents}, one after the other completed.
     */
    private enum Step { NONE, START, REVOKE, ASSIGN }

    /** One reconciliation: its round, the target (and its local epoch) it applies, and what it revokes and adds. */
    private record Reconciliation(int round, int localEpoch, List<TopicPartition> assignment, List<TopicPartition> revoked,
                                  List<TopicPartition> added) {
    }

    /**
     * The member holds a target it has not reconciled. The background thread starts the
     * reconciliation at once only when it needs neither a commit nor a revocation
     * ({@code maybeReconcile(false)} from {@code AbstractMembershipManager.poll}: auto-commit off and
     * nothing revoked); otherwise it waits for the application's next poll
     * ({@code maybeReconcile(true)}).
     */
    private void requestReconciliation() {
        if (reconciling) {
            // maybeReconcile ignores it; the acknowledgement of the one under way asks again.
            return;
        }
        if (!config.enableAutoCommit() && Partitions.minus(owned.view(), target).isEmpty()) {
            startReconciliation();
        } else {
            awaitTurn(Step.START);
        }
    }

    /**
     * The step waits for the application thread: its next poll-loop turn when idle in poll(), its
     * next poll() when busy. One step per turn, busy or not: the background thread queues a step
     * only when the previous one completed, after the turn that ran it had already drained the
     * queue ({@code processBackgroundEvents}); a busy application's {@code poll()} then returns the
     * records in its buffer without another turn ({@code pollForFetches}), so the next step waits
     * for its next {@code poll()}, one batch later.
     */
    private void awaitTurn(Step step) {
        pendingStep = step;
        member.requestPollTurn();
    }

    /** A turn of the application's poll loop: the one step it waited for. */
    private void runPendingStep() {
        Step step = pendingStep;
        pendingStep = Step.NONE;
        switch (step) {
            case START -> startAtPollEvent();
            case REVOKE -> revokeStep(current);
            case ASSIGN -> assignStep(current);
            default -> {
            }
        }
    }

    /**
     * {@code maybeReconcile(true)} runs when the background thread processes an
     * {@code AsyncPollEvent}; a turn that submitted none (a backlogged application's every other
     * {@code poll()}, see {@code ConsumerApp.pollEventSubmitted}) leaves the start to a later one.
     */
    private void startAtPollEvent() {
        if (member.pollEventSubmitted()) {
            startReconciliation();
        } else {
            awaitTurn(Step.START);
        }
    }

    /**
     * {@code maybeReconcile} and {@code revokeAndAssign}: the revoked partitions stop being
     * fetched at once; with auto-commit on, all consumed positions are committed and the answer
     * awaited ({@code signalReconciliationStarted}); then onPartitionsRevoked (when anything is
     * revoked: kgsim's application has a rebalance listener), then onPartitionsAssigned (always),
     * then ACKNOWLEDGING.
     */
    private void startReconciliation() {
        List<TopicPartition> snapshot = target;
        List<TopicPartition> revoked = Partitions.minus(owned.view(), snapshot);
        List<TopicPartition> added = Partitions.minus(snapshot, owned.view());
        if (acknowledgeUnchangedTarget(revoked, added)) {
            return;
        }
        Reconciliation r = new Reconciliation(++reconciliation, targetLocalEpoch, snapshot, revoked, added);
        current = r;
        reconciling = true;
        owned.markPendingRevocation(revoked);
        SortedMap<TopicPartition, Long> positions = config.enableAutoCommit() ? member.host().consumedPositions(owned.view()) : null;
        if (positions != null && !positions.isEmpty()) {
            member.commitOffsets(positions, error -> committed(r));
        } else {
            committed(r);
        }
    }

    private void committed(Reconciliation r) {
        if (!aborted(r)) {
            awaitTurn(r.revoked().isEmpty() ? Step.ASSIGN : Step.REVOKE);
        }
    }

    /** {@code revokePartitions}: onPartitionsRevoked ran; the assignment is queued next. */
    private void revokeStep(Reconciliation r) {
        if (!aborted(r)) {
            owned.revoke(r.revoked(), "reconciliation");
            awaitTurn(Step.ASSIGN);
        }
    }

    /** {@code assignPartitions}: onPartitionsAssigned ran; the reconciliation is complete and acknowledged. */
    private void assignStep(Reconciliation r) {
        if (aborted(r)) {
            return;
        }
        reconciling = false;
        member.assigned(r.added());
        currentLocalEpoch = r.localEpoch();
        currentAssignment = r.assignment();
        nextAutoCommitUs = sim.now() + Durations.ms(config.autoCommitIntervalMs());
        transitionTo(ConsumerMemberState.ACKNOWLEDGING, "reconciled");
        heartbeats.maybeSend();
    }

    /**
     * {@code maybeAbortReconciliation}: the member was fenced, left or rejoined meanwhile, or the
     * application is closing (close revokes everything itself).
     */
    private boolean aborted(Reconciliation r) {
        return r == null || r.round() != reconciliation || state != ConsumerMemberState.RECONCILING || !member.running();
    }

    /**
     * {@code maybeReconcile}'s short path: a target whose partitions are those already reconciled
     * only moves the local epoch and is acknowledged, with no commit and no callbacks. The client's
     * background thread takes it at once, whatever the application is doing (the full path needs
     * {@code poll()} to commit), so the answer that brings it calls this too.
     */
    private boolean acknowledgeUnchangedTarget(List<TopicPartition> revoked, List<TopicPartition> added) {
        if (currentLocalEpoch == NO_ASSIGNMENT || reconciling || !revoked.isEmpty() || !added.isEmpty()) {
            return false;
        }
        currentLocalEpoch = targetLocalEpoch;
        currentAssignment = target;
        transitionTo(ConsumerMemberState.ACKNOWLEDGING, "target equals the reconciled assignment");
        heartbeats.maybeSend();
        return true;
    }

    // ---------------------------------------------------------------- heartbeat answers

    /** {@code onHeartbeatRequestGenerated}: the acknowledgement is on its way. */
    void onHeartbeatBuilt() {
        if (state == ConsumerMemberState.ACKNOWLEDGING) {
            boolean newerTarget = targetLocalEpoch != currentLocalEpoch;
            transitionTo(newerTarget ? ConsumerMemberState.RECONCILING : ConsumerMemberState.STABLE, "acknowledgement sent");
            if (newerTarget) {
                requestReconciliation();
            }
        }
    }

    /** {@code onHeartbeatSuccess}: the member epoch, then the assignment if the answer has one. */
    void onHeartbeatSuccess(ConsumerGroupHeartbeatResponse resp) {
        if (state.isNotInGroup() || state.isLeaving()) {
            return;
        }
        boolean joinAnswer = state == ConsumerMemberState.JOINING;
        memberEpoch = resp.memberEpoch();
        if (resp.assignment() == null) {
            return;
        }
        List<TopicPartition> assignment = member.canonical(resp.assignment());
        member.assignmentReceived(assignment, joinAnswer);
        if (targetLocalEpoch == NO_ASSIGNMENT || !assignment.equals(target)) {
            target = assignment;
            targetLocalEpoch++;
        }
        if (targetLocalEpoch != currentLocalEpoch) {
            transitionTo(ConsumerMemberState.RECONCILING, "new target");
            if (!acknowledgeUnchangedTarget(Partitions.minus(owned.view(), target), Partitions.minus(target, owned.view()))) {
                requestReconciliation();
            }
        } else if (state == ConsumerMemberState.JOINING || state == ConsumerMemberState.RECONCILING) {
            transitionTo(ConsumerMemberState.STABLE, "target already reached");
        }
    }

    /** {@code onErrorResponse}: coordinator errors look for it again; fencing rejoins; the rest is fatal. */
    void onHeartbeatError(Errors error, String message) {
        if (state.isNotInGroup()) {
            // An answer to a heartbeat sent before the member left the group, in this round.
            return;
        }
        member.emit(GroupEventType.HEARTBEAT_ERROR, error.name());
        switch (error) {
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, REQUEST_TIMED_OUT -> channel.markCoordinatorUnknown(error);
            case COORDINATOR_LOAD_IN_PROGRESS -> {
                // Retried after the backoff, the coordinator kept.
            }
            case FENCED_MEMBER_EPOCH, UNKNOWN_MEMBER_ID -> fenced(error);
            default -> fatal(error.name() + (message == null ? "" : ": " + message));
        }
    }

    /**
     * {@code transitionToFenced}: epoch 0; everything owned is lost now (fetching stops at once;
     * kgsim does not wait for the lost callback to say so); the next poll rejoins with the same id.
     */
    private void fenced(Errors error) {
        if (state.isLeaving()) {
            return;
        }
        transitionTo(ConsumerMemberState.FENCED, "heartbeat " + error);
        memberEpoch = 0;
        abandonAssignment("fenced");
        heartbeats.newRound();
        member.requestPoll();
    }

    /** {@code handleFatalFailure}: no recovery; the next poll() throws and the application stops. */
    private void fatal(String reason) {
        boolean leaving = state.isLeaving();
        transitionTo(ConsumerMemberState.FATAL, reason);
        fatalError = reason;
        if (!leaving) {
            abandonAssignment("fatal-error");
        }
        heartbeats.stop();
        member.requestPoll();
    }

    private void abandonAssignment(String reason) {
        reconciliation++;
        reconciling = false;
        pendingStep = Step.NONE;
        owned.lose(owned.all(), reason);
        target = List.of();
        targetLocalEpoch = NO_ASSIGNMENT;
        currentLocalEpoch = NO_ASSIGNMENT;
        currentAssignment = List.of();
    }

    // ---------------------------------------------------------------- leaving

    boolean pollTimerExpired() {
        return pollTimer.expired();
    }

    /**
     * The poll timer ran out ({@code onPollTimerExpired}): the leave heartbeat goes out at once,
     * everything owned is lost now (onPartitionsLost runs at the next poll; fetching stops now),
     * and the member waits in STALE for the application to poll again.
     */
    void pollTimeoutExpired() {
        member.emit(GroupEventType.POLL_TIMEOUT, null);
        transitionTo(ConsumerMemberState.PREPARE_LEAVING, "poll timeout");
        abandonAssignment("poll-timeout");
        leave("poll-timeout", ConsumerMemberState.STALE);
        member.requestPoll();
    }

    /** {@code leaveGroupOnClose}: the callbacks already ran; the leave heartbeat if in the group. */
    void leaveOnClose() {
        reconciliation++;
        pollTimer.stop();
        if (state.isNotInGroup()) {
            if (state == ConsumerMemberState.FENCED) {
                transitionTo(ConsumerMemberState.UNSUBSCRIBED, "close");
            }
            heartbeats.stop();
            return;
        }
        transitionTo(ConsumerMemberState.PREPARE_LEAVING, "close");
        leave("close", ConsumerMemberState.UNSUBSCRIBED);
        heartbeats.stop();
    }

    /** {@code transitionToSendingLeaveGroup}: -1, or -2 for a static member that means to come back. */
    private void leave(String reason, ConsumerMemberState after) {
        transitionTo(ConsumerMemberState.LEAVING, reason);
        memberEpoch = member.groupInstanceId() == null ? ConsumerGroupHeartbeatRequest.LEAVE_GROUP_MEMBER_EPOCH
                : ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH;
        if (channel.coordinatorKnown()) {
            member.emit(GroupEventType.LEAVE_GROUP_SENT, reason);
        }
        heartbeats.sendLeave(memberEpoch);
        transitionTo(after, "leave heartbeat sent");
    }

    /** The process ended: timers stop, nothing more is sent or handled. */
    void processEnded() {
        reconciliation++;
        reconciling = false;
        pollTimer.stop();
        heartbeats.stop();
    }

    void coordinatorFound() {
        heartbeats.maybeSend();
    }

    /** A GC pause began: the heartbeat timer moves to its end (the poll timer looks at the pause when it fires). */
    void frozen() {
        heartbeats.maybeSend();
    }

    // ---------------------------------------------------------------- observers' view

    ConsumerMemberState state() {
        return state;
    }

    String memberId() {
        return memberId;
    }

    int memberEpoch() {
        return memberEpoch;
    }

    /** The local epoch of the last reconciled assignment (the client's {@code currentAssignment.localEpoch}), -1 for none. */
    int currentLocalEpoch() {
        return currentLocalEpoch;
    }

    /** The partitions of the last reconciled assignment (the client's {@code currentAssignment}), sorted. */
    List<TopicPartition> currentAssignment() {
        return currentAssignment;
    }

    String fatalError() {
        return fatalError;
    }

    List<TopicPartition> target() {
        return target;
    }

    int heartbeatIntervalMs() {
        return heartbeats.intervalMs();
    }

    /** STABLE with its target in hand, nothing revoking and nothing in reconciliation. */
    boolean isSettled() {
        return state == ConsumerMemberState.STABLE && !reconciling && targetLocalEpoch == currentLocalEpoch && !owned.hasPendingRevocation();
    }
}
