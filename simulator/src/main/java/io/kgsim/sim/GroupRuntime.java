package io.kgsim.sim;

import io.kgsim.assignor.AssignorCall;
import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.DataPlane;
import io.kgsim.cluster.Network;
import io.kgsim.consumer.ConsumerApp;
import io.kgsim.consumer.ProcessingTime;
import io.kgsim.engine.RandomStreams;
import io.kgsim.engine.Simulation;
import io.kgsim.fault.GroupControl;
import io.kgsim.invariant.GroupView;
import io.kgsim.metrics.DataPlaneListener;
import io.kgsim.metrics.GroupProbe;
import io.kgsim.metrics.OwnershipLedger;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupCoordinator;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupMember;
import io.kgsim.protocol.GroupSnapshot;
import io.kgsim.protocol.OffsetStore;
import io.kgsim.protocol.ProtocolFactory;
import io.kgsim.scenario.BrokerConfig;
import io.kgsim.scenario.GroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.common.TopicPartition;

/** One consumer group in a run: its consumers (by scenario name) and its coordinator. */
public final class GroupRuntime implements GroupView, GroupProbe, GroupControl {
    private final Simulation sim;
    private final Network network;
    private final ProtocolFactory protocol;
    private final GroupCoordinator coordinator;
    private final ClusterModel cluster;
    private final DataPlane data;
    private final RandomStreams streams;
    private final GroupEventListener events;
    private final DataPlaneListener ledger;
    private final GroupSpec spec;
    private final long batchIntervalUs;
    /** Topics subscribed now or ever in this run (for metrics that must not lose partitions). */
    private final java.util.TreeSet<String> everSubscribed = new java.util.TreeSet<>();
    /** The metadata the classic group's last assignment was computed from (its leader's assignor call). */
    private org.apache.kafka.common.Cluster assignedFrom;
    private final OwnershipLedger ownership;
    /** Consumers by number, so name order is c1, c2, ..., c10 (not c1, c10, c2). */
    private final TreeMap<Integer, ConsumerApp> consumers = new TreeMap<>();
    private int highestNumber;
    /** The member that kept the group from settling at the last {@link #isSettled()}. */
    private GroupMember unsettledWitness;
    /** The group's rebalance protocol, once a member has one. */
    private RebalanceProtocol rebalanceProtocol;
    private List<TopicPartition> subscribedCache;
    private int subscribedCacheVersion;
    private int subscribedCacheTopics;

    GroupRuntime(Simulation sim, Network network, BrokerConfig broker, ClusterModel cluster, DataPlane data,
                 RandomStreams streams, GroupEventListener events, DataPlaneListener ledger, AssignorCall.Listener assignorCalls,
                 GroupSpec spec, long batchIntervalUs, OwnershipLedger ownership) {
        this.sim = sim;
        this.network = network;
        this.cluster = cluster;
        this.data = data;
        this.streams = streams;
        this.events = events;
        this.ledger = ledger;
        // Every assignor call tells the group which metadata its assignment knew.
        AssignorCall.Listener calls = call -> {
            assignedFrom = call.cluster();
            if (assignorCalls != null) {
                assignorCalls.onAssignorCall(call);
            }
        };
        this.protocol = new ProtocolFactory(sim, network, cluster, broker, events, calls, spec);
        this.coordinator = protocol.coordinator();
        this.spec = spec;
        this.batchIntervalUs = batchIntervalUs;
        this.ownership = ownership;
        this.everSubscribed.addAll(spec.subscribedTopics());
        this.assignedFrom = cluster.cluster();
        ownership.track(subscribedPartitions(), 0);
    }

    public GroupSpec spec() {
        return spec;
    }

    /** Creates and starts consumers with the next unused numbers. */
    @Override
    public void startNew(int count) {
        for (int i = 0; i < count; i++) {
            int n = ++highestNumber;
            String name = "c" + n;
            GroupMember m = protocol.newMember(name, spec.rackOf(n));
            ProcessingTime processing = new ProcessingTime(spec.processingPerRecord(), streams.stream("processing/" + spec.groupId() + "/" + name));
            boolean earliest = "earliest".equals(spec.config().values().get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
            ConsumerApp app = new ConsumerApp(sim, m, data, network, ledger, events, spec.groupId(), spec.rackOf(n), processing,
                    spec.commitMode(), earliest, spec.config().maxPollRecords(), batchIntervalUs);
            consumers.put(n, app);
            app.start();
        }
    }

    @Override
    public ConsumerApp consumer(String name) {
        return consumers.get(Integer.parseInt(name.substring(1)));
    }

    @Override
    public GroupMember member(String name) {
        return consumer(name).member();
    }

    /** Consumers whose process is running, in name order. */
    @Override
    public List<ConsumerApp> runningConsumers() {
        List<ConsumerApp> out = new ArrayList<>();
        for (ConsumerApp c : consumers.values()) {
            if (c.isRunning()) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public boolean isCurrentMember(String name) {
        ConsumerApp c = consumers.get(Integer.parseInt(name.substring(1)));
        return c != null && c.member().isAlive() && coordinator.hasMember(spec.groupId(), c.member().memberId());
    }

    /** Members whose process is running, in name order. */
    public List<GroupMember> aliveMembers() {
        List<GroupMember> out = new ArrayList<>();
        for (ConsumerApp c : consumers.values()) {
            if (c.member().isAlive()) {
                out.add(c.member());
            }
        }
        return out;
    }

    @Override
    public List<ConsumerApp> allConsumers() {
        return new ArrayList<>(consumers.values());
    }

    @Override
    public String groupId() {
        return spec.groupId();
    }

    /** Partitions of every topic the group subscribes to (or did), as the cluster has them now. */
    @Override
    public List<TopicPartition> subscribedPartitions() {
        // Sampled every virtual second: rebuilt only when the cluster or the topics change, and
        // the same list returned otherwise so samplers can keep what they derived from it.
        if (subscribedCache == null || subscribedCacheVersion != cluster.version() || subscribedCacheTopics != everSubscribed.size()) {
            subscribedCache = List.copyOf(cluster.partitionsOf(new ArrayList<>(everSubscribed)));
            subscribedCacheVersion = cluster.version();
            subscribedCacheTopics = everSubscribed.size();
        }
        return subscribedCache;
    }

    @Override
    public List<TopicPartition> assignablePartitions() {
        // The subscriptions of the group's members as the coordinator knows them.
        java.util.TreeSet<String> topics = new java.util.TreeSet<>();
        for (GroupMember m : aliveMembers()) {
            if (coordinator.hasMember(spec.groupId(), m.memberId())) {
                topics.addAll(m.subscription());
            }
        }
        // Partitions the assignment could know of: those of the metadata it was computed from.
        org.apache.kafka.common.Cluster from = coordinator.assignmentMetadata(spec.groupId()).orElse(assignedFrom);
        List<TopicPartition> out = new ArrayList<>();
        for (String t : topics) {
            Integer n = from.partitionCountForTopic(t);
            for (int p = 0; n != null && p < n; p++) {
                out.add(cluster.canonical(new TopicPartition(t, p)));
            }
        }
        return out;
    }

    /** A member subscribes to {@code topics} (timeline {@code subscribe}). */
    @Override
    public void subscribe(String member, List<String> topics) {
        everSubscribed.addAll(topics);
        ownership.track(subscribedPartitions(), sim.now());
        member(member).subscribe(topics);
    }

    /** Partitions were added: accounting starts for them now. */
    @Override
    public void partitionsAdded() {
        ownership.track(subscribedPartitions(), sim.now());
    }

    @Override
    public GroupCoordinator coordinator() {
        return coordinator;
    }

    @Override
    public Epoch epoch() {
        return coordinator.snapshot(spec.groupId()).epoch();
    }

    @Override
    public boolean isCooperative() {
        // Every member of a group has the same assignors (the group's config), so the first
        // member that knows its rebalance protocol answers for the whole run.
        if (rebalanceProtocol == null) {
            for (ConsumerApp c : consumers.values()) {
                if (c.member().rebalanceProtocol() != null) {
                    rebalanceProtocol = c.member().rebalanceProtocol();
                    break;
                }
            }
        }
        return rebalanceProtocol == RebalanceProtocol.COOPERATIVE;
    }

    /**
     * The coordinator is stable and every member it has is a running process that received this
     * generation's assignment and finished acting on it. Asked after each of a rebalance's
     * SyncGroup answers, so the member found unsettled last time is asked first: while it still
     * blocks, the answer costs O(1) instead of a walk over the group.
     */
    @Override
    public boolean isSettled() {
        String group = spec.groupId();
        GroupSnapshot snapshot = coordinator.snapshot(group);
        if (!snapshot.stable()) {
            return false;
        }
        int epoch = snapshot.epoch().value();
        if (unsettledWitness != null && blocksSettling(unsettledWitness, epoch)) {
            return false;
        }
        int inGroup = 0;
        for (ConsumerApp c : consumers.values()) {
            GroupMember m = c.member();
            if (!m.isAlive() || !coordinator.hasMember(group, m.memberId())) {
                continue;
            }
            if (blocksSettling(m, epoch)) {
                unsettledWitness = m;
                return false;
            }
            inGroup++;
        }
        unsettledWitness = null;
        // Member ids are unique among running processes, so equal counts mean no member of the
        // coordinator's is a process that is gone (crashed, not yet expired).
        return inGroup == snapshot.memberCount();
    }

    private boolean blocksSettling(GroupMember m, int epoch) {
        return m.isAlive() && coordinator.hasMember(spec.groupId(), m.memberId())
                && (!m.isSettled() || m.epoch().value() != epoch);
    }

    /** Committed offset of {@code tp}, -1 when none. */
    public long committed(TopicPartition tp) {
        return coordinator.offsets(spec.groupId()).committed(tp);
    }

    @Override
    public OffsetStore.Committed committedSlot(TopicPartition tp) {
        return coordinator.offsets(spec.groupId()).slot(tp);
    }
}
