package io.kgsim.protocol.consumer;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.coordinator.common.runtime.CoordinatorRecord;
import org.apache.kafka.coordinator.group.Utils;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.PartitionAssignorException;
import org.apache.kafka.coordinator.group.api.assignor.SubscriptionType;
import org.apache.kafka.coordinator.group.assignor.RangeAssignor;
import org.apache.kafka.coordinator.group.assignor.UniformAssignor;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupTargetAssignmentMemberKey;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupTargetAssignmentMemberValue;
import org.apache.kafka.coordinator.group.modern.Assignment;
import org.apache.kafka.coordinator.group.modern.MemberState;
import org.apache.kafka.coordinator.group.modern.SubscriptionCount;
import org.apache.kafka.coordinator.group.modern.TargetAssignmentBuilder.ConsumerTargetAssignmentBuilder;
import org.apache.kafka.coordinator.group.modern.consumer.CurrentAssignmentBuilder;

/**
 * The one class that calls {@code kafka-group-coordinator}'s internal classes, which change
 * between Kafka versions: the target assignment through {@code ConsumerTargetAssignmentBuilder}
 * (which calls the assignor with {@code GroupSpecImpl}, {@code MemberSubscriptionAndAssignmentImpl}
 * and {@code SubscribedTopicDescriberImpl}), each member's reconciliation through
 * {@code CurrentAssignmentBuilder}, and the metadata hash through {@code Utils.computeTopicHash}.
 * All of them read the cluster through {@link ClusterMetadataImage}, an in-memory
 * {@code CoordinatorMetadataImage} of kgsim's {@link ClusterModel}.
 *
 * <p>Determinism and fidelity: Kafka's assignors iterate {@code HashMap}s of member ids (Strings,
 * whose hash is fixed) and of topic ids, in which keys of one bucket keep their insertion order;
 * members are handed over in the coordinator's own order ({@link ConsumerGroup#membersInCoordinatorOrder}),
 * and each previous target as the coordinator rebuilt it from its records ({@link StoredTarget}), so
 * that the assignor sees what Kafka's sees, iteration orders included.
 */
final class KafkaCoordinatorAdapter {
    private final ClusterModel cluster;
    private final Time time;
    /** By {@code name()}, in {@code group.consumer.assignors} order: the first is the default. */
    private final Map<String, ConsumerGroupPartitionAssignor> assignors = new LinkedHashMap<>();
    private ClusterMetadataImage image;
    /**
     * Each topic's hash at the image's version ({@code GroupMetadataManager.topicHashCache}): a
     * topic of 10,000 partitions costs 10,000 steps to hash, and every join and leave asks.
     */
    private final Map<String, Long> topicHashCache = new HashMap<>();

    KafkaCoordinatorAdapter(Simulation sim, ClusterModel cluster, List<String> assignorNames) {
        this.cluster = cluster;
        this.time = new VirtualTime(sim);
        for (String name : assignorNames) {
            ConsumerGroupPartitionAssignor a = newAssignor(name);
            assignors.putIfAbsent(a.name(), a);
        }
    }

    /**
     * {@code GroupCoordinatorConfig.consumerGroupAssignors()}: {@code uniform} and {@code range}
     * are the built-in ones, anything else is a class name.
     */
    static ConsumerGroupPartitionAssignor newAssignor(String nameOrClass) {
        switch (nameOrClass) {
            case UniformAssignor.NAME:
                return new UniformAssignor();
            case RangeAssignor.NAME:
                return new RangeAssignor();
            default:
                try {
                    Class<?> c = Class.forName(nameOrClass, true, Thread.currentThread().getContextClassLoader());
                    if (!ConsumerGroupPartitionAssignor.class.isAssignableFrom(c)) {
                        throw new IllegalArgumentException(nameOrClass + " is not a " + ConsumerGroupPartitionAssignor.class.getName());
                    }
                    return (ConsumerGroupPartitionAssignor) c.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot create the server-side assignor " + nameOrClass + ": " + e, e);
                }
        }
    }

    String defaultAssignor() {
        return assignors.keySet().iterator().next();
    }

    boolean supportsAssignor(String name) {
        return assignors.containsKey(name);
    }

    List<String> assignorNames() {
        return List.copyOf(assignors.keySet());
    }

    // ---------------------------------------------------------------- the target assignment

    /**
     * A member's target as the coordinator keeps it between computations: the
     * {@code Assignment} replayed from the target-assignment record it wrote
     * ({@code Assignment.fromRecord}), whose maps the assignor iterates next time.
     */
    record StoredTarget(Assignment assignment) {
    }

    /**
     * A computed target: every member's partitions (sorted by member id), and the stored form of
     * those the coordinator wrote a record for (a member whose target did not change has none).
     */
    record ComputedTarget(SortedMap<String, List<TopicPartition>> partitions, Map<String, StoredTarget> written) {
    }

    /**
     * Runs the assignor for {@code groupEpoch} as {@code GroupMetadataManager.maybeUpdateTargetAssignment}
     * does: every member's subscription with its previous target (immutable {@link Assignment}s)
     * and the inverted previous target, which must agree with them.
     *
     * @param members  the group's members in the coordinator's order (a joiner last)
     * @param previous the current target of each member as the coordinator keeps it (absent: none)
     * @return the new target of every member, and the stored form of those that changed
     */
    ComputedTarget computeTarget(String groupId, int groupEpoch, String assignorName, Collection<ConsumerGroupMember> members,
                                 Map<String, StoredTarget> previous) throws PartitionAssignorException {
        ClusterMetadataImage metadata = image();
        Map<String, org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroupMember> specs = new LinkedHashMap<>();
        Map<String, Assignment> previousTargets = new HashMap<>();
        Map<Uuid, Map<Integer, String>> inverted = new HashMap<>();
        for (ConsumerGroupMember m : members) {
            specs.put(m.memberId, subscriptionOf(m));
            StoredTarget target = previous.get(m.memberId);
            if (target != null) {
                previousTargets.put(m.memberId, target.assignment());
                target.assignment().partitions().forEach((topicId, ps) -> ps.forEach(
                        p -> inverted.computeIfAbsent(topicId, k -> new HashMap<>()).put(p, m.memberId)));
            }
        }
        var result = new ConsumerTargetAssignmentBuilder(groupId, groupEpoch, assignors.get(assignorName))
                .withTime(time)
                .withMembers(specs)
                .withSubscriptionType(subscriptionType(members))
                .withTargetAssignment(previousTargets)
                .withInvertedTargetAssignment(inverted)
                .withMetadataImage(metadata)
                .build();
        SortedMap<String, List<TopicPartition>> out = new TreeMap<>();
        for (ConsumerGroupMember m : members) {
            MemberAssignment a = result.targetAssignment().get(m.memberId);
            out.put(m.memberId, a == null ? List.of() : partitions(metadata, a.partitions()));
        }
        return new ComputedTarget(out, written(result.records()));
    }

    /** Each target-assignment record the builder wrote, replayed as the coordinator replays it. */
    private static Map<String, StoredTarget> written(List<CoordinatorRecord> records) {
        Map<String, StoredTarget> out = new HashMap<>();
        for (CoordinatorRecord r : records) {
            if (r.key() instanceof ConsumerGroupTargetAssignmentMemberKey key && r.value() != null
                    && r.value().message() instanceof ConsumerGroupTargetAssignmentMemberValue value) {
                out.put(key.memberId(), new StoredTarget(Assignment.fromRecord(value)));
            }
        }
        return out;
    }

    /**
     * Kafka's {@code ConsumerGroup.subscriptionType} over the members' subscriptions by name
     * (kgsim has no regex subscriptions): HOMOGENEOUS when every member subscribes to every topic.
     */
    static SubscriptionType subscriptionType(Collection<ConsumerGroupMember> members) {
        Map<String, SubscriptionCount> counts = new HashMap<>();
        for (ConsumerGroupMember m : members) {
            for (String topic : m.subscribedTopicNames) {
                counts.compute(topic, SubscriptionCount::incNameCount);
            }
        }
        return org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroup.subscriptionType(Map.of(), counts, members.size());
    }

    /** What the target builder reads of a member: its subscription, rack and instance id. */
    private static org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroupMember subscriptionOf(ConsumerGroupMember m) {
        return new org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroupMember.Builder(m.memberId)
                .setInstanceId(m.instanceId)
                .setRackId(m.rackId)
                .setSubscribedTopicNames(m.subscribedTopicNames)
                .setServerAssignorName(m.serverAssignor)
                .build();
    }

    // ---------------------------------------------------------------- reconciliation

    /**
     * One run of {@code CurrentAssignmentBuilder} for {@code member} toward its target of
     * {@code targetEpoch} ({@code GroupMetadataManager.maybeReconcile}, minus the skip test).
     *
     * @param owned          the owned partitions the heartbeat carried, or null when it carried none
     * @param partitionEpoch the epoch of the member holding a partition, -1 when it is free
     */
    CurrentAssignment reconcile(ConsumerGroupMember member, int targetEpoch, List<TopicPartition> target, boolean subscriptionChanged,
                                List<TopicPartition> owned, ToIntFunction<TopicPartition> partitionEpoch) {
        ClusterMetadataImage metadata = image();
        CurrentAssignment a = member.assignment;
        var kafkaMember = new org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroupMember.Builder(member.memberId)
                .setMemberEpoch(a.memberEpoch())
                .setPreviousMemberEpoch(a.previousMemberEpoch())
                .setState(MemberState.valueOf(a.state().name()))
                .setInstanceId(member.instanceId)
                .setRackId(member.rackId)
                .setRebalanceTimeoutMs(member.rebalanceTimeoutMs)
                .setSubscribedTopicNames(member.subscribedTopicNames)
                .setServerAssignorName(member.serverAssignor)
                .setAssignedPartitions(withEpochs(a.assigned()))
                .setPartitionsPendingRevocation(withEpochs(a.pendingRevocation()))
                .build();
        var next = new CurrentAssignmentBuilder(kafkaMember)
                .withMetadataImage(metadata)
                .withTargetAssignment(targetEpoch, new Assignment(byTopicId(target)))
                .withHasSubscriptionChanged(subscriptionChanged)
                .withCurrentPartitionEpoch((topicId, p) -> partitionEpoch.applyAsInt(partition(metadata, topicId, p)))
                .withOwnedTopicPartitions(owned == null ? null : ownedTopicPartitions(owned))
                .build();
        if (next == kafkaMember) {
            return a;
        }
        return new CurrentAssignment(ConsumerGroupMemberState.valueOf(next.state().name()), next.memberEpoch(), next.previousMemberEpoch(),
                fromEpochs(metadata, next.assignedPartitions()), fromEpochs(metadata, next.partitionsPendingRevocation()));
    }

    private List<ConsumerGroupHeartbeatRequestData.TopicPartitions> ownedTopicPartitions(List<TopicPartition> owned) {
        List<ConsumerGroupHeartbeatRequestData.TopicPartitions> out = new ArrayList<>();
        for (Map.Entry<Uuid, Set<Integer>> e : byTopicId(owned).entrySet()) {
            out.add(new ConsumerGroupHeartbeatRequestData.TopicPartitions().setTopicId(e.getKey())
                    .setPartitions(new ArrayList<>(new TreeSet<>(e.getValue()))));
        }
        return out;
    }

    // ---------------------------------------------------------------- metadata

    /**
     * The group's metadata hash ({@code ModernGroup.computeMetadataHash}) over the subscribed
     * topics that exist: it changes when a topic's partition count or replica racks change,
     * and then bumps the group epoch.
     */
    long metadataHash(Collection<String> subscribedTopics) {
        ClusterMetadataImage metadata = image();
        Map<String, Long> topicHashes = new HashMap<>();
        for (String topic : subscribedTopics) {
            if (metadata.topicMetadata(topic).isPresent()) {
                topicHashes.put(topic, topicHashCache.computeIfAbsent(topic, t -> Utils.computeTopicHash(t, metadata)));
            }
        }
        return Utils.computeGroupHash(topicHashes);
    }

    /** The cluster metadata a target computed now is computed from (immutable, one per version). */
    org.apache.kafka.common.Cluster metadata() {
        return cluster.cluster();
    }

    /** The metadata version the image reflects: a different one means the cluster changed since. */
    int metadataVersion() {
        return cluster.version();
    }

    private ClusterMetadataImage image() {
        if (image == null || image.version() != cluster.version()) {
            image = new ClusterMetadataImage(cluster);
            topicHashCache.clear();
        }
        return image;
    }

    // ---------------------------------------------------------------- conversions

    private Map<Uuid, Set<Integer>> byTopicId(Collection<TopicPartition> partitions) {
        Map<Uuid, Set<Integer>> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            out.computeIfAbsent(cluster.topicId(tp.topic()), k -> new HashSet<>()).add(tp.partition());
        }
        return out;
    }

    private Map<Uuid, Map<Integer, Integer>> withEpochs(Map<TopicPartition, Integer> partitions) {
        Map<Uuid, Map<Integer, Integer>> out = new HashMap<>();
        for (Map.Entry<TopicPartition, Integer> e : partitions.entrySet()) {
            out.computeIfAbsent(cluster.topicId(e.getKey().topic()), k -> new HashMap<>()).put(e.getKey().partition(), e.getValue());
        }
        return out;
    }

    private SortedMap<TopicPartition, Integer> fromEpochs(ClusterMetadataImage metadata, Map<Uuid, Map<Integer, Integer>> partitions) {
        SortedMap<TopicPartition, Integer> out = new TreeMap<>(Partitions.ORDER);
        partitions.forEach((topicId, epochs) -> epochs.forEach((p, epoch) -> out.put(partition(metadata, topicId, p), epoch)));
        return out;
    }

    private List<TopicPartition> partitions(ClusterMetadataImage metadata, Map<Uuid, Set<Integer>> partitions) {
        List<TopicPartition> out = new ArrayList<>();
        partitions.forEach((topicId, ps) -> ps.forEach(p -> out.add(partition(metadata, topicId, p))));
        out.sort(Partitions.ORDER);
        return Collections.unmodifiableList(out);
    }

    private TopicPartition partition(ClusterMetadataImage metadata, Uuid topicId, int p) {
        return cluster.canonical(new TopicPartition(metadata.topicName(topicId), p));
    }

    /** Kafka's {@code Time} on the virtual clock: the target builder stamps the assignment time with it. */
    private static final class VirtualTime implements Time {
        private final Simulation sim;

        VirtualTime(Simulation sim) {
            this.sim = sim;
        }

        @Override
        public long milliseconds() {
            return sim.now() / Durations.US_PER_MS;
        }

        @Override
        public long nanoseconds() {
            return sim.now() * 1_000L;
        }

        @Override
        public void sleep(long ms) {
            throw new UnsupportedOperationException("the coordinator never sleeps on the virtual clock");
        }
    }
}
