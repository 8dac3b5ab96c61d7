package io.kgsim.assignor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;

/** A user assignor for tests: partitions dealt to members in reverse member-id order. */
public class ReverseRangeAssignor implements ConsumerPartitionAssignor {
    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subs = groupSubscription.groupSubscription();
        List<String> members = new ArrayList<>(new TreeSet<>(subs.keySet()).descendingSet());
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : new TreeSet<>(subs.values().iterator().next().topics())) {
            for (int p = 0; p < metadata.partitionCountForTopic(topic); p++) {
                all.add(new TopicPartition(topic, p));
            }
        }
        Map<String, List<TopicPartition>> out = new HashMap<>();
        members.forEach(m -> out.put(m, new ArrayList<>()));
        for (int i = 0; i < all.size(); i++) {
            out.get(members.get(i % members.size())).add(all.get(i));
        }
        Map<String, Assignment> result = new HashMap<>();
        out.forEach((m, parts) -> result.put(m, new Assignment(parts)));
        return new GroupAssignment(result);
    }

    @Override
    public String name() {
        return "reverse-range";
    }
}
