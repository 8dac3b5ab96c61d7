package io.kgsim.protocol;

import io.kgsim.assignor.AssignorCall;
import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.classic.ClassicGroupCoordinator;
import io.kgsim.protocol.classic.ClassicMember;
import io.kgsim.protocol.consumer.ConsumerGroupCoordinator;
import io.kgsim.protocol.consumer.ConsumerMember;
import io.kgsim.protocol.consumer.ServerAssignors;
import io.kgsim.scenario.BrokerConfig;
import io.kgsim.scenario.GroupProtocol;
import io.kgsim.scenario.GroupSpec;

/**
 * Builds one group's coordinator and members for the protocol its {@code group.protocol} names.
 * The one place outside a protocol's package that knows its classes: the rest of the simulator
 * sees only {@link GroupCoordinator} and {@link GroupMember}.
 */
public final class ProtocolFactory {
    private final Simulation sim;
    private final Network network;
    private final ClusterModel cluster;
    private final GroupEventListener events;
    private final AssignorCall.Listener assignorCalls;
    private final GroupSpec spec;
    private final GroupCoordinator coordinator;

    /**
     * @param assignorCalls told of every assignor run (may be null)
     */
    public ProtocolFactory(Simulation sim, Network network, ClusterModel cluster, BrokerConfig broker, GroupEventListener events,
                           AssignorCall.Listener assignorCalls, GroupSpec spec) {
        this.sim = sim;
        this.network = network;
        this.cluster = cluster;
        this.events = events;
        this.assignorCalls = assignorCalls;
        this.spec = spec;
        this.coordinator = switch (protocol()) {
            case CLASSIC -> new ClassicGroupCoordinator(sim, broker, events, spec::memberIdsOf);
            case CONSUMER -> new ConsumerGroupCoordinator(sim, cluster, ServerAssignors.forGroup(broker.consumerGroup(), spec.config()), events,
                    broker.appendLingerMs(), broker.coordinatorWriteLatencyUs());
        };
    }

    /** The group's coordinator: one per group, so that it can move with the group's offsets partition. */
    public GroupCoordinator coordinator() {
        return coordinator;
    }

    /** A new member named {@code name} with the group's configuration and membership kind, and its subscription (its own or the group's). */
    public GroupMember newMember(String name, String rack) {
        return switch (protocol()) {
            case CLASSIC -> new ClassicMember(sim, network, (ClassicGroupCoordinator) coordinator, cluster, events, assignorCalls,
                    spec.groupId(), name, spec.staticMembership(), rack, spec.config(), spec.subscriptionOf(name));
            case CONSUMER -> {
                ConsumerGroupCoordinator c = (ConsumerGroupCoordinator) coordinator;
                yield new ConsumerMember(sim, network, c, cluster, events, spec.groupId(), name, spec.staticMembership(), rack, spec.config(),
                        spec.subscriptionOf(name)).targets(memberId -> c.targetAssignment(spec.groupId(), memberId)).fixedMemberIds(spec.memberIdsOf(name));
            }
        };
    }

    private GroupProtocol protocol() {
        return spec.config().protocol();
    }
}
