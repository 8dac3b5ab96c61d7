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
 * holds. Replicas are placed as Kafka's rack-unaware placement does it in spirit (round-robin
 * from a per-topic start broker, the first replica leads); topic ids are Kafka {@link Uuid}s
 * derived from the seed, because assignors iterate maps keyed by topic id.
 */
public final class ClusterModel {
    public static final String OFFSETS_TOPIC = "__consumer_offsets";

    private final ClusterSpec spec;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, TopicSpec> topics = new LinkedHashMap<>();
    private final Map<String, Uuid> topicIds = new LinkedHashMap<>();
    private Cluster cluster;
    private final Map<TopicPartition, TopicPartition> canonical = new HashMap<>();

    public ClusterModel(ClusterSpec spec, List<TopicSpec> topicSpecs, long seed) {
        this.spec = spec;
        for (int id = 0; id < spec.brokers(); id++) {
            nodes.add(new Node(id, "broker-" + id, 9092, spec.rackOf(id)));
        }
        for (TopicSpec t : topicSpecs) {
            topics.put(t.name(), t);
            long a = RandomStreams.derive(seed, "topic-id/" + t.name());
            long b = RandomStreams.derive(seed, "topic-id-low/" + t.name());
            topicIds.put(t.name(), new Uuid(a, b));
        }
        rebuild();
    }

    private void rebuild() {
        List<PartitionInfo> partitions = new ArrayList<>();
        int topicIndex = 0;
        for (TopicSpec t : topics.values()) {
            for (int p = 0; p < t.partitions(); p++) {
                Node[] replicas = replicas(topicIndex, p, t.replicationFactor());
                partitions.add(new PartitionInfo(t.name(), p, replicas[0], replicas, replicas));
            }
            topicIndex++;
        }
        cluster = new Cluster("kgsim", nodes, partitions, new HashSet<>(), new HashSet<>(), new HashSet<>(), null, new HashMap<>(topicIds));
    }

    private Node[] replicas(int topicIndex, int partition, int rf) {
        Node[] r = new Node[rf];
        int n = nodes.size();
        for (int k = 0; k < rf; k++) {
            r[k] = nodes.get((topicIndex + partition + k) % n);
        }
        return r;
    }

    /** The metadata a client's {@code Metadata.fetch()} would return: immutable, safe to share. */
    public Cluster cluster() {
        return cluster;
    }

    public List<Node> brokers() {
        return nodes;
    }

    public Uuid topicId(String topic) {
        return topicIds.get(topic);
    }

    /** The run's single instance of {@code tp} (so map lookups compare topics by identity). */
    public TopicPartition canonical(TopicPartition tp) {
        TopicPartition c = canonical.get(tp);
        if (c == null) {
            c = new TopicPartition(topics.containsKey(tp.topic()) ? topicName(tp.topic()) : tp.topic(), tp.partition());
            canonical.put(c, c);
        }
        return c;
    }

    private String topicName(String topic) {
        return topics.get(topic).name();
    }

    /** Partitions of {@code topicNames}, in topic then partition order. */
    public List<TopicPartition> partitionsOf(List<String> topicNames) {
        List<TopicPartition> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(topicNames)) {
            TopicSpec t = topics.get(name);
            for (int p = 0; p < t.partitions(); p++) {
                out.add(canonical(new TopicPartition(name, p)));
            }
        }
        return out;
    }

    /**
     * The group coordinator: the leader of {@code __consumer_offsets} partition
     * {@code Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions}, as
     * {@code GroupCoordinatorService.partitionFor} computes it. The offsets topic's partitions
     * are led round-robin from broker 0.
     */
    public int coordinatorFor(String groupId) {
        int partition = offsetsPartitionFor(groupId);
        return partition % nodes.size();
    }

    public int offsetsPartitionFor(String groupId) {
        return Utils.abs(groupId.hashCode()) % spec.config().offsetsTopicNumPartitions();
    }

    public ClusterSpec spec() {
        return spec;
    }
}
