package io.kgsim.sim;

import io.kgsim.assignor.AssignorCall;
import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.engine.Simulation;
import io.kgsim.invariant.GroupView;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.classic.ClassicGroupCoordinator;
import io.kgsim.protocol.classic.ClassicGroupState;
import io.kgsim.protocol.classic.ClassicMember;
import io.kgsim.scenario.GroupSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.common.TopicPartition;

/** One consumer group in a run: its members (by scenario name) and its coordinator. */
public final class GroupRuntime implements GroupView {
    private final Simulation sim;
    private final Network network;
    private final ClassicGroupCoordinator coordinator;
    private final ClusterModel cluster;
    private final GroupEventListener events;
    private final AssignorCall.Listener assignorCalls;
    private final GroupSpec spec;
    private final List<TopicPartition> subscribed;
    /** Members by number, so name order is c1, c2, ..., c10 (not c1, c10, c2). */
    private final TreeMap<Integer, ClassicMember> members = new TreeMap<>();
    private int highestNumber;

    GroupRuntime(Simulation sim, Network network, ClassicGroupCoordinator coordinator, ClusterModel cluster,
                 GroupEventListener events, AssignorCall.Listener assignorCalls, GroupSpec spec) {
        this.sim = sim;
        this.network = network;
        this.coordinator = coordinator;
        this.cluster = cluster;
        this.events = events;
        this.assignorCalls = assignorCalls;
        this.spec = spec;
        this.subscribed = cluster.partitionsOf(spec.subscription());
    }

    public GroupSpec spec() {
        return spec;
    }

    /** Creates and starts members with the next unused numbers. */
    public void startNew(int count) {
        for (int i = 0; i < count; i++) {
            int n = ++highestNumber;
            ClassicMember m = new ClassicMember(sim, network, coordinator, cluster, events, assignorCalls, spec.groupId(), "c" + n,
                    spec.staticMembership(), spec.rackOf(n), spec.config(), spec.subscription());
            members.put(n, m);
            m.start();
        }
    }

    public ClassicMember member(String name) {
        return members.get(Integer.parseInt(name.substring(1)));
    }

    /** Members whose process is running, in name order. */
    public List<ClassicMember> aliveMembers() {
        List<ClassicMember> out = new ArrayList<>();
        for (ClassicMember m : members.values()) {
            if (m.isAlive()) {
                out.add(m);
            }
        }
        return out;
    }

    public List<ClassicMember> allMembers() {
        return new ArrayList<>(members.values());
    }

    @Override
    public String groupId() {
        return spec.groupId();
    }

    @Override
    public List<TopicPartition> subscribedPartitions() {
        return subscribed;
    }

    @Override
    public boolean isCooperative() {
        for (ClassicMember m : members.values()) {
            if (m.rebalanceProtocol() != null) {
                return m.rebalanceProtocol() == RebalanceProtocol.COOPERATIVE;
            }
        }
        return false;
    }

    @Override
    public boolean isSettled() {
        ClassicGroupCoordinator.GroupSnapshot g = coordinator.snapshot(spec.groupId());
        if (g.state() != ClassicGroupState.STABLE) {
            return false;
        }
        Map<String, ClassicMember> byId = new HashMap<>();
        for (ClassicMember m : members.values()) {
            if (m.isAlive()) {
                byId.put(m.memberId(), m);
            }
        }
        for (String id : g.memberIds()) {
            ClassicMember m = byId.get(id);
            if (m == null || !m.isSettled() || m.generationId() != g.generationId()) {
                return false;
            }
        }
        return true;
    }
}
