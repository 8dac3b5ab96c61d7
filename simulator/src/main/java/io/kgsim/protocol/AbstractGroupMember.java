package io.kgsim.protocol;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * What a consumer process is whatever its group protocol: its identity (group, name, static
 * {@code group.instance.id}, rack), its subscription, its process ({@link MemberProcess}), its
 * connection to the coordinator ({@link CoordinatorChannel}) and what it owns
 * ({@link OwnedPartitions}); and the timeline inputs that act on the process rather than on the
 * protocol (a kill, a fatal error, a network cut). Each protocol's member adds its membership.
 *
 * <p>The accessors are public for the protocol's own classes (membership, heartbeats, offset
 * requests) in its package; the rest of the simulator sees only {@link GroupMember}.
 */
public abstract class AbstractGroupMember implements GroupMember {
    protected final Simulation sim;
    protected final ClusterModel cluster;
    private final GroupEventListener events;
    private final String groupId;
    private final String name;
    private final String groupInstanceId;
    private final String rack;
    /** The subscription: changed by the timeline's {@code subscribe}. */
    private List<String> topics;
    protected final MemberProcess process;
    protected final CoordinatorChannel channel;
    protected final OwnedPartitions owned;
    private MemberHost host = MemberHost.NONE;
    /** Every member id this member has had, in order (see {@link #memberIds()}). */
    private final List<String> memberIds = new ArrayList<>();

    /**
     * @param coordinatorAvailable whether the coordinator can be reached now
     * @param retryBackoffMs       {@code retry.backoff.ms}, between FindCoordinator attempts
     * @param requestTimeoutMs     {@code request.timeout.ms}, after which a request to a lost coordinator fails
     */
    protected AbstractGroupMember(Simulation sim, Network network, BooleanSupplier coordinatorAvailable, ClusterModel cluster,
                                  GroupEventListener events, String groupId, String name, boolean staticMembership, String rack,
                                  List<String> topics, long retryBackoffMs, long requestTimeoutMs) {
        this.sim = sim;
        this.cluster = cluster;
        this.events = events;
        this.groupId = groupId;
        this.name = name;
        this.groupInstanceId = staticMembership ? name : null;
        this.rack = rack;
        this.topics = List.copyOf(new TreeSet<>(topics));
        this.process = new MemberProcess(sim, groupId + "/" + name);
        this.channel = new CoordinatorChannel(sim, network.link(groupId + "/" + name), coordinatorAvailable,
                Durations.ms(retryBackoffMs), Durations.ms(requestTimeoutMs), new CoordinatorChannel.Listener() {
                    @Override
                    public void coordinatorFound() {
                        AbstractGroupMember.this.coordinatorFound();
                    }

                    @Override
                    public void coordinatorUnknown(Errors cause) {
                        emit(GroupEventType.COORDINATOR_UNKNOWN, cause.name());
                    }
                });
        this.owned = new OwnedPartitions(sim, events, groupId, name, this::epoch);
    }

    /** FindCoordinator answered: the main thread has work to do at its next poll. */
    protected void coordinatorFound() {
        requestPoll();
    }

    /** The membership's part of a process ending (timers, heartbeats); the channel is closed already. */
    protected abstract void processEnded();

    // ---------------------------------------------------------------- the process

    /** The process is killed: nothing is sent, heartbeats stop, ownership ends with it. */
    @Override
    public final void crash() {
        if (!process.isAlive()) {
            return;
        }
        emit(GroupEventType.MEMBER_CRASHED, null);
        owned.lose(owned.all(), "crash");
        // The kill also ends a start that was waiting for this process's close: the application
        // is stopped, so a member restarted by die() would never be polled.
        die(false);
    }

    /** A fatal error surfaced from {@code poll()}: the application stops, as a process exit would. */
    public final void fail(String reason) {
        emit(GroupEventType.MEMBER_FAILED, reason);
        owned.lose(owned.all(), "fatal-error");
        die(true);
    }

    /** The process ends; a start that waited for its close runs now unless {@code mayRestart} is false. */
    @Override
    public final List<String> memberIds() {
        return List.copyOf(memberIds);
    }

    /** The member got {@code memberId} (from the coordinator, or made it): recorded once, in order. */
    public final void gotMemberId(String memberId) {
        if (!memberId.isEmpty() && (memberIds.isEmpty() || !memberIds.get(memberIds.size() - 1).equals(memberId))) {
            memberIds.add(memberId);
        }
    }

    protected final void die(boolean mayRestart) {
        boolean restart = process.end(mayRestart);
        channel.close();
        processEnded();
        owned.clearPendingRevocation();
        if (restart) {
            start();
        }
    }

    /**
     * {@code subscribe()} with {@code newTopics}: true when the subscription of a live process
     * changed (then announced), and the protocol has to act on it.
     */
    protected final boolean subscriptionChanged(List<String> newTopics) {
        List<String> sorted = List.copyOf(new TreeSet<>(newTopics));
        boolean changed = process.isAlive() && !sorted.equals(topics);
        topics = sorted;
        if (changed) {
            emit(GroupEventType.SUBSCRIPTION_CHANGED, String.join(",", topics));
        }
        return changed;
    }

    /**
     * The member cannot reach its coordinator for {@code durationUs} (it still reaches partition
     * leaders, so it goes on fetching): requests to the coordinator vanish and fail after the
     * client's request timeout.
     */
    @Override
    public final void cutNetwork(long durationUs) {
        if (!process.isAlive()) {
            return;
        }
        channel.cut(durationUs);
        emit(GroupEventType.NETWORK_CUT, "for " + Durations.format(durationUs));
    }

    // ---------------------------------------------------------------- for the protocol's classes

    /** Tells the observers of a step of this member, at the member's epoch now. */
    public final void emit(GroupEventType type, String reason) {
        events.on(GroupEvent.member(sim.now(), type, groupId, name, epoch(), reason));
    }

    /** Tells the observers of an event the membership builds itself (e.g. an assignment received). */
    public final void emit(GroupEvent event) {
        events.on(event);
    }

    /**
     * What the client does with an OffsetCommit answer, whatever the protocol: a refusal is traced
     * as commit-failed, and an answer saying the coordinator moved makes the client look it up
     * again; then {@code then} gets the error.
     */
    public final Consumer<Errors> commitAnswered(Consumer<Errors> then) {
        return error -> {
            if (error != Errors.NONE) {
                emit(GroupEventType.COMMIT_FAILED, error.name());
                if (CoordinatorChannel.isCoordinatorError(error)) {
                    channel.markCoordinatorUnknown(error);
                }
            }
            then.accept(error);
        };
    }

    /** Wakes the application thread: the membership has work for its next {@code poll()}. */
    public final void requestPoll() {
        host.wakeup();
    }

    public final MemberHost host() {
        return host;
    }

    public final String groupId() {
        return groupId;
    }

    /** The static member's {@code group.instance.id} (its name), or null for a dynamic member. */
    public final String groupInstanceId() {
        return groupInstanceId;
    }

    public final String rack() {
        return rack;
    }

    public final List<String> topics() {
        return topics;
    }

    public final ClusterModel cluster() {
        return cluster;
    }

    /** The process's state (running, closing, dead). */
    public final ProcessState processState() {
        return process.state();
    }

    public final boolean running() {
        return process.isRunning();
    }

    // ---------------------------------------------------------------- observers' view

    @Override
    public final void attach(MemberHost host) {
        this.host = host;
        owned.attach(host);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> subscription() {
        return topics;
    }

    @Override
    public final boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public final List<TopicPartition> owned() {
        return owned.list();
    }

    @Override
    public final boolean mayFetch(TopicPartition tp) {
        return owned.mayFetch(tp);
    }

    @Override
    public final boolean hasPendingRevocation() {
        return owned.hasPendingRevocation();
    }

    @Override
    public final boolean revokingEverything() {
        return owned.revokingEverything();
    }
}
