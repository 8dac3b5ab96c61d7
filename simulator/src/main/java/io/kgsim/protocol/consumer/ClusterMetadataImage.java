package io.kgsim.protocol.consumer;

import io.kgsim.cluster.ClusterModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.common.runtime.CoordinatorMetadataDelta;
import org.apache.kafka.coordinator.common.runtime.CoordinatorMetadataImage;

/**
 * The broker's metadata image as the group coordinator reads it, built from kgsim's
 * {@link ClusterModel} at one metadata version: topic ids (derived from the seed and the topic
 * name), partition counts and the racks of each partition's replicas. Immutable; a cluster
 * change makes a new one.
 */
final class ClusterMetadataImage implements CoordinatorMetadataImage {
    private final long version;
    private final Map<String, Topic> byName = new LinkedHashMap<>();
    private final Map<Uuid, Topic> byId = new HashMap<>();

    private record Topic(String name, Uuid id, int partitionCount, List<List<String>> racks) implements TopicMetadata {
        /** A fresh mutable list: {@code Utils.computeTopicHash} sorts it in place. */
        @Override
        public List<String> partitionRacks(int partition) {
            return new ArrayList<>(partition >= 0 && partition < racks.size() ? racks.get(partition) : List.of());
        }
    }

    ClusterMetadataImage(ClusterModel cluster) {
        this.version = cluster.version();
        org.apache.kafka.common.Cluster c = cluster.cluster();
        for (String name : new java.util.TreeSet<>(c.topics())) {
            int count = cluster.partitionCount(name);
            List<List<String>> racks = new ArrayList<>(Collections.nCopies(count, List.<String>of()));
            for (PartitionInfo info : c.partitionsForTopic(name)) {
                List<String> r = new ArrayList<>();
                for (Node n : info.replicas()) {
                    if (n.hasRack()) {
                        r.add(n.rack());
                    }
                }
                racks.set(info.partition(), List.copyOf(r));
            }
            Topic t = new Topic(name, cluster.topicId(name), count, List.copyOf(racks));
            byName.put(name, t);
            byId.put(t.id(), t);
        }
    }

    String topicName(Uuid id) {
        Topic t = byId.get(id);
        if (t == null) {
            throw new IllegalStateException("no topic with id " + id);
        }
        return t.name();
    }

    @Override
    public Set<Uuid> topicIds() {
        return Collections.unmodifiableSet(byId.keySet());
    }

    @Override
    public Set<String> topicNames() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    @Override
    public Optional<TopicMetadata> topicMetadata(String topicName) {
        return Optional.ofNullable(byName.get(topicName));
    }

    @Override
    public Optional<TopicMetadata> topicMetadata(Uuid topicId) {
        return Optional.ofNullable(byId.get(topicId));
    }

    @Override
    public CoordinatorMetadataDelta emptyDelta() {
        // Only the broker's metadata publisher asks for deltas; the coordinator paths kgsim calls never do.
        throw new UnsupportedOperationException("kgsim's metadata image has no deltas");
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
