package io.kgsim.cluster;

import io.kgsim.scenario.TopicSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The cluster as consumers see its data: each topic's production, and which replica a member
 * fetches from. With {@code replica.selector.class} set to Kafka's
 * {@code RackAwareReplicaSelector}, a member with {@code client.rack} fetches from a replica in
 * its rack when there is one (KIP-392); otherwise from the leader.
 */
public final class DataPlane {
    private final ClusterModel cluster;
    private final Map<String, TopicProduction> production = new LinkedHashMap<>();
    private final Map<String, Integer> recordBytes = new LinkedHashMap<>();
    private final boolean rackAwareFetch;

    public DataPlane(ClusterModel cluster, List<TopicSpec> topics, boolean rackAwareFetch) {
        this.cluster = cluster;
        this.rackAwareFetch = rackAwareFetch;
        for (TopicSpec t : topics) {
            production.put(t.name(), new TopicProduction(t.name(), t.partitions(), t.produce().ratePerSecond(), t.produce().skew()));
            recordBytes.put(t.name(), t.produce().recordBytes());
        }
    }

    public TopicProduction topic(String name) {
        return production.get(name);
    }

    public Iterable<TopicProduction> topics() {
        return production.values();
    }

    public long logEndOffset(TopicPartition tp, long nowUs) {
        return production.get(tp.topic()).logEndOffset(tp.partition(), nowUs);
    }

    public int recordBytes(String topic) {
        return recordBytes.get(topic);
    }

    /** Changes whenever partitions or leaders change: cached fetch state must be re-read. */
    public int version() {
        return cluster.version();
    }

    /** Can {@code tp} be fetched now (its leader is up)? */
    public boolean available(TopicPartition tp) {
        return cluster.available(tp);
    }

    /** {@code add-partitions}: the topic grows; new partitions are produced to from now on. */
    public void addPartitions(String topic, int count, long nowUs) {
        production.get(topic).addPartitions(nowUs, count);
        cluster.setPartitionCount(topic, count);
    }

    public ClusterModel cluster() {
        return cluster;
    }

    /** The rack of the replica {@code clientRack} fetches {@code tp} from (null if racks are not set). */
    public String fetchRack(TopicPartition tp, String clientRack) {
        PartitionInfo info = cluster.cluster().partition(tp);
        if (info == null) {
            return null;
        }
        if (rackAwareFetch && clientRack != null) {
            for (Node replica : info.replicas()) {
                if (clientRack.equals(replica.rack())) {
                    return replica.rack();
                }
            }
        }
        return info.leader() == null ? null : info.leader().rack();
    }
}
