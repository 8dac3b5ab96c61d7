package io.kgsim.cluster;

import io.kgsim.engine.RandomStreams;
import io.kgsim.scenario.ClusterSpec;
import io.kgsim.scenario.TopicSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;

/**
 * Brokers, racks, topics and partition replicas: the metadata a consumer's {@code Cluster} view
 * holds, and how it changes. Replicas are placed round-robin from a per-topic start broker and
 * the first replica leads, as Kafka's rack-unaware placement does in spirit; topic ids are Kafka
 * {@link Uuid}s derived from the seed, because assignors iterate maps keyed by topic id.
 *
 * <p>A crashed broker keeps its leaderships (its partitions are unavailable) until the
 * controller fences it, {@code broker.session.timeout.ms} later; then each partition it led
 * moves to its next live replica, {@code __consumer_offsets} partitions (and so group
 * coordinators) included. A broker that comes back leads nothing until leaders move again:
 * the preferred-leader election of {@code auto.leader.rebalance.enable} is not modelled.
 */
public final class ClusterModel {
    public static final String OFFSETS_TOPIC = "__consumer_offsets";

    private final ClusterSpec spec;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, TopicSpec> topics = new LinkedHashMap<>();
    private final Map<String, Integer> topicIndexes = new HashMap<>();
    private final Map<String, Integer> partitionCounts = new LinkedHashMap<>();
    private final Map<String, Uuid> topicIds = new LinkedHashMap<>();
    private final PartitionTable<TopicPartition> canonical = new PartitionTable<>();
    /** Current leader of each partition, when it moved away from the first replica. */
    private final Map<TopicPartition, Integer> movedLeaders = new HashMap<>();
    private final boolean[] up;
    private final boolean[] fenced;
    private Cluster cluster;
    private int version;

    public ClusterModel(ClusterSpec spec, List<TopicSpec> topicSpecs, long seed) {
        this.spec = spec;
        for (int id = 0; id < spec.brokers(); id++) {
            nodes.add(new Node(id, "broker-" + id, 9092, spec.rackOf(id)));
        }
        up = new boolean[spec.brokers()];
        fenced = new boolean[spec.brokers()];
        java.util.Arrays.fill(up, true);
        for (TopicSpec t : topicSpecs) {
            topicIndexes.put(t.name(), topics.size());
            topics.put(t.name(), t);
            partitionCounts.put(t.name(), t.partitions());
            if (t.topicId() != null) {
                topicIds.put(t.name(), t.topicId());
            } else {
                long a = RandomStreams.derive(seed, "topic-id/" + t.name());
                long b = RandomStreams.derive(seed, "topic-id-low/" + t.name());
                topicIds.put(t.name(), new Uuid(a, b));
            }
        }
    }

    private Cluster build() {
        List<PartitionInfo> partitions = new ArrayList<>();
        int topicIndex = 0;
        for (TopicSpec t : topics.values()) {
            int count = partitionCounts.get(t.name());
            for (int p = 0; p < count; p++) {
                Node[] replicas = replicas(topicIndex, p, t.replicationFactor());
                TopicPartition tp = canonical(new TopicPartition(t.name(), p));
                Node leader = nodes.get(leaderOf(tp, replicas));
                partitions.add(new PartitionInfo(t.name(), p, leader, replicas, replicas));
            }
            topicIndex++;
        }
        return new Cluster("kgsim", nodes, partitions, new HashSet<>(), new HashSet<>(), new HashSet<>(), null, new HashMap<>(topicIds));
    }

    private int leaderOf(TopicPartition tp, Node[] replicas) {
        return movedLeaders.getOrDefault(tp, replicas[0].id());
    }

    private Node[] replicas(int topicIndex, int partition, int rf) {
        Node[] r = new Node[rf];
        for (int k = 0; k < rf; k++) {
            r[k] = nodes.get(replica(topicIndex, partition, k));
        }
        return r;
    }

    /** The broker holding the {@code k}-th replica of a topic's partition (the first one leads). */
    private int replica(int topicIndex, int partition, int k) {
        return (topicIndex + partition + k) % nodes.size();
    }

    private int topicIndex(String topic) {
        Integer i = topicIndexes.get(topic);
        if (i == null) {
            throw new IllegalArgumentException("unknown topic " + topic);
        }
        return i;
    }

    /**
     * The metadata a client's {@code Metadata.fetch()} returns now: immutable, safe to share,
     * rebuilt only when the cluster changed.
     */
    public Cluster cluster() {
        if (cluster == null) {
            cluster = build();
        }
        return cluster;
    }

    /** Bumped on every change of partitions or leaders: fetchers re-read what they cached. */
    public int version() {
        return version;
    }

    private void changed() {
        cluster = null;
        version++;
    }

    public List<Node> brokers() {
        return nodes;
    }

    public int partitionCount(String topic) {
        return partitionCounts.get(topic);
    }

    /** {@code add-partitions}: the topic now has {@code count} partitions. */
    public void setPartitionCount(String topic, int count) {
        partitionCounts.put(topic, count);
        changed();
    }

    /** Whether {@code tp}'s leader is up, so it can be fetched. */
    public boolean available(TopicPartition tp) {
        return up[movedLeaders.getOrDefault(tp, replica(topicIndex(tp.topic()), tp.partition(), 0))];
    }

    public boolean isUp(int broker) {
        return up[broker];
    }

    /** The broker process dies: what it leads is unavailable until it is fenced. */
    public void brokerDown(int broker) {
        up[broker] = false;
        changed();
    }

    /**
     * The controller fences the broker: each partition it led, {@code __consumer_offsets}
     * included, moves to the next replica that is up (stays put if none is).
     */
    public void fence(int broker) {
        fenced[broker] = true;
        int topicIndex = 0;
        for (TopicSpec t : topics.values()) {
            for (int p = 0; p < partitionCounts.get(t.name()); p++) {
                TopicPartition tp = canonical(new TopicPartition(t.name(), p));
                moveLeaderOff(tp, replicas(topicIndex, p, t.replicationFactor()), broker);
            }
            topicIndex++;
        }
        for (int p = 0; p < spec.config().offsetsTopicNumPartitions(); p++) {
            moveLeaderOff(offsetsPartition(p), offsetsReplicas(p), broker);
        }
        changed();
    }

    private void moveLeaderOff(TopicPartition tp, Node[] replicas, int broker) {
        if (leaderOf(tp, replicas) != broker) {
            return;
        }
        for (Node r : replicas) {
            if (up[r.id()] && !fenced[r.id()]) {
                movedLeaders.put(tp, r.id());
                return;
            }
        }
    }

    /** The broker is back; it leads nothing until leaderships move again. */
    public void brokerUp(int broker) {
        up[broker] = true;
        fenced[broker] = false;
        changed();
    }

    private TopicPartition offsetsPartition(int p) {
        return canonical(new TopicPartition(OFFSETS_TOPIC, p));
    }

    private Node[] offsetsReplicas(int p) {
        int rf = Math.min(3, nodes.size());
        Node[] r = new Node[rf];
        for (int k = 0; k < rf; k++) {
            r[k] = nodes.get((p + k) % nodes.size());
        }
        return r;
    }

    public Uuid topicId(String topic) {
        return topicIds.get(topic);
    }

    /** The run's single instance of {@code tp} (so map lookups compare topics by identity). */
    public TopicPartition canonical(TopicPartition tp) {
        TopicPartition c = canonical.get(tp);
        if (c == null) {
            TopicSpec t = topics.get(tp.topic());
            c = new TopicPartition(t != null ? t.name() : tp.topic(), tp.partition());
            canonical.put(tp, c);
        }
        return c;
    }

    /** Partitions of {@code topicNames} as the cluster has them now, in topic then partition order. */
    public List<TopicPartition> partitionsOf(List<String> topicNames) {
        List<TopicPartition> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(topicNames)) {
            for (int p = 0; p < partitionCounts.get(name); p++) {
                out.add(canonical(new TopicPartition(name, p)));
            }
        }
        return out;
    }

    /**
     * The group coordinator: the leader of {@code __consumer_offsets} partition
     * {@code Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions}, as
     * {@code GroupCoordinatorService.partitionFor} computes it. Its replicas are brokers
     * p, p+1, p+2 (mod the broker count), led by the first unless it moved.
     */
    public int coordinatorFor(String groupId) {
        int p = offsetsPartitionFor(groupId);
        return leaderOf(offsetsPartition(p), offsetsReplicas(p));
    }

    public int offsetsPartitionFor(String groupId) {
        return Utils.abs(groupId.hashCode()) % spec.config().offsetsTopicNumPartitions();
    }

    public ClusterSpec spec() {
        return spec;
    }
}
