package io.kgsim.protocol.consumer;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.scenario.BrokerConfig;
import io.kgsim.scenario.ClusterSpec;
import io.kgsim.scenario.ConsumerGroupBrokerConfig;
import io.kgsim.scenario.ProduceSpec;
import io.kgsim.scenario.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * A consumer group coordinator on a virtual clock, driven by hand: each {@link Client} sends the
 * heartbeats a test asks for, at the virtual time the test moved to, and keeps what the answers
 * told it (member epoch, assignment), as the Java client does.
 */
final class CoordinatorHarness {
    static final String GROUP = "g";
    final Simulation sim = new Simulation(7);
    final ClusterModel cluster;
    final List<GroupEvent> events = new ArrayList<>();
    final ConsumerGroupCoordinator coordinator;
    private final Map<String, Client> clients = new TreeMap<>();

    CoordinatorHarness(Map<String, Integer> topics, ConsumerGroupBrokerConfig config) {
        this(topics, config, 0);
    }

    /** A coordinator whose writes to {@code __consumer_offsets} take {@code writeLatencyUs} to commit. */
    CoordinatorHarness(Map<String, Integer> topics, ConsumerGroupBrokerConfig config, long writeLatencyUs) {
        List<TopicSpec> specs = new ArrayList<>();
        topics.forEach((name, partitions) -> specs.add(new TopicSpec(name, partitions, 1, ProduceSpec.NONE)));
        BrokerConfig broker = new BrokerConfig(3000, 50, 6000, 1_800_000, Integer.MAX_VALUE, false, 9000, config);
        cluster = new ClusterModel(new ClusterSpec(3, List.of(), broker), specs, sim.seed());
        coordinator = new ConsumerGroupCoordinator(sim, cluster, config, events::add, -1, writeLatencyUs);
    }

    CoordinatorHarness(int partitions) {
        this(Map.of("t", partitions), ConsumerGroupBrokerConfig.DEFAULTS);
    }

    static ConsumerGroupBrokerConfig config(int sessionMs, int heartbeatMs, int assignmentIntervalMs, int maxSize, List<String> assignors) {
        return new ConsumerGroupBrokerConfig(sessionMs, 1, 3_600_000, heartbeatMs, 1, 3_600_000, assignmentIntervalMs, 0, 3_600_000,
                assignors, maxSize);
    }

    /** Moves the virtual clock to {@code ms}, firing the coordinator's timers due before it. */
    void at(long ms) {
        sim.run(Durations.ms(ms));
    }

    long nowMs() {
        return sim.now() / Durations.US_PER_MS;
    }

    Client client(String name) {
        return clients.computeIfAbsent(name, n -> new Client(n, null));
    }

    Client staticClient(String name) {
        return clients.computeIfAbsent(name, n -> new Client(n, n));
    }

    TopicPartition tp(String topic, int p) {
        return cluster.canonical(new TopicPartition(topic, p));
    }

    List<GroupEvent> events(GroupEventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    ConsumerGroupState state() {
        return coordinator.state(GROUP);
    }

    int groupEpoch() {
        return coordinator.snapshot(GROUP).epoch().groupEpoch();
    }

    /** One consumer process: its member id (client-generated, KIP-1082), epoch and assignment as heard. */
    final class Client {
        final String name;
        final String instanceId;
        String memberId;
        int incarnation;
        int epoch;
        List<String> subscription = List.of("t");
        int rebalanceTimeoutMs = 300_000;
        String serverAssignor;
        /** The last assignment the coordinator sent (what the client reconciles to). */
        List<TopicPartition> assignment = List.of();
        ConsumerGroupHeartbeatResponse last;

        Client(String name, String instanceId) {
            this.name = name;
            this.instanceId = instanceId;
            this.memberId = "member-" + name + "-0";
        }

        /** A new process: a new member id, epoch 0. */
        Client restart() {
            incarnation++;
            memberId = "member-" + name + "-" + incarnation;
            epoch = 0;
            assignment = List.of();
            return this;
        }

        ConsumerGroupHeartbeatResponse join() {
            epoch = 0;
            return send(new ConsumerGroupHeartbeatRequest(GROUP, name, memberId, 0, instanceId, null, rebalanceTimeoutMs, subscription,
                    serverAssignor, List.of()));
        }

        /** A regular heartbeat: nothing changed since the last send, so no owned partitions. */
        ConsumerGroupHeartbeatResponse heartbeat() {
            return send(new ConsumerGroupHeartbeatRequest(GROUP, name, memberId, epoch, instanceId, null, -1, null, null, null));
        }

        /** The heartbeat after reconciling: it owns exactly the last assignment received. */
        ConsumerGroupHeartbeatResponse ack() {
            return send(new ConsumerGroupHeartbeatRequest(GROUP, name, memberId, epoch, instanceId, null, -1, null, null, assignment));
        }

        ConsumerGroupHeartbeatResponse subscribe(List<String> topics) {
            subscription = List.copyOf(topics);
            return send(new ConsumerGroupHeartbeatRequest(GROUP, name, memberId, epoch, instanceId, null, -1, subscription, null, null));
        }

        ConsumerGroupHeartbeatResponse leave(int leaveEpoch) {
            return send(new ConsumerGroupHeartbeatRequest(GROUP, name, memberId, leaveEpoch, instanceId, null, -1, null, null, null));
        }

        ConsumerGroupHeartbeatResponse send(ConsumerGroupHeartbeatRequest req) {
            ConsumerGroupHeartbeatResponse[] out = new ConsumerGroupHeartbeatResponse[1];
            coordinator.handleHeartbeat(req, r -> out[0] = r);
            last = out[0];
            if (last.error() == Errors.NONE && !req.isLeave()) {
                epoch = last.memberEpoch();
                if (last.assignment() != null) {
                    assignment = last.assignment();
                }
            }
            return last;
        }

        Errors commit(int memberEpoch, Map<TopicPartition, Long> offsets) {
            Errors[] out = new Errors[1];
            java.util.SortedMap<TopicPartition, Long> sorted = new java.util.TreeMap<>(io.kgsim.cluster.Partitions.ORDER);
            sorted.putAll(offsets);
            coordinator.handleOffsetCommit(new OffsetCommitRequest(GROUP, name, memberId, memberEpoch, sorted, sim.now()), e -> out[0] = e);
            return out[0];
        }

        CurrentAssignment onCoordinator() {
            return coordinator.currentAssignment(GROUP, memberId);
        }
    }
}
