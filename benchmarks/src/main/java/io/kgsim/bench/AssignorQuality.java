package io.kgsim.bench;

import io.kgsim.scenario.Strategies;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * What an assignor's speed buys: for the same group, each classic assignor's balance
 * (partition-count spread, and max/mean member load when production is Zipf-skewed over each
 * topic's partitions) and stickiness (partitions whose owner changed after one member left,
 * beside the leaver's own partitions, the minimum any assignor must move).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.kgsim.bench.AssignorQuality [members] [partitions] [topics] [zipf]</pre>
 */
public final class AssignorQuality {
    private AssignorQuality() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 240;
        int topics = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        double zipf = args.length > 3 ? Double.parseDouble(args[3]) : 1.1;
        int perTopic = partitions / topics;
        List<Node> nodes = List.of(new Node(0, "b0", 9092), new Node(1, "b1", 9092), new Node(2, "b2", 9092));
        List<PartitionInfo> infos = new ArrayList<>();
        Map<String, Uuid> ids = new HashMap<>();
        Map<TopicPartition, Double> load = new HashMap<>();
        List<String> topicNames = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            String topic = "topic-" + t;
            topicNames.add(topic);
            ids.put(topic, new Uuid(0x5eedL, t + 1));
            for (int p = 0; p < perTopic; p++) {
                Node[] r = {nodes.get((t + p) % 3), nodes.get((t + p + 1) % 3)};
                infos.add(new PartitionInfo(topic, p, r[0], r, r));
                load.put(new TopicPartition(topic, p), 1.0 / Math.pow(p + 1, zipf));
            }
        }
        Cluster cluster = new Cluster("q", nodes, infos, new HashSet<>(), new HashSet<>(), new HashSet<>(), null, ids);
        System.out.printf(Locale.ROOT, "%d members, %d partitions in %d topics, production zipf(%.2f) within each topic%n%n", members, perTopic * topics, topics, zipf);
        System.out.printf("  %-20s %14s %16s %24s%n", "assignor", "count spread", "max/mean load", "moved when one leaves");
        for (String name : List.of("range", "roundrobin", "sticky", "cooperative-sticky")) {
            String cls = Strategies.resolve(name).className();
            Map<String, ConsumerPartitionAssignor> own = new HashMap<>();
            Map<String, Subscription> subs = new HashMap<>();
            for (int i = 0; i < members; i++) {
                String id = String.format("m-%04d", i);
                ConsumerPartitionAssignor a = (ConsumerPartitionAssignor) Class.forName(cls).getConstructor().newInstance();
                own.put(id, a);
                subs.put(id, new Subscription(topicNames, a.subscriptionUserData(new HashSet<>(topicNames)), List.of(), -1, Optional.empty()));
            }
            ConsumerPartitionAssignor leader = (ConsumerPartitionAssignor) Class.forName(cls).getConstructor().newInstance();
            GroupAssignment first = leader.assign(cluster, new GroupSubscription(subs));
            int min = Integer.MAX_VALUE;
            int max = 0;
            double maxLoad = 0;
            double sumLoad = 0;
            Map<TopicPartition, String> owner = new HashMap<>();
            for (Map.Entry<String, Assignment> e : first.groupAssignment().entrySet()) {
                List<TopicPartition> ps = e.getValue().partitions();
                min = Math.min(min, ps.size());
                max = Math.max(max, ps.size());
                double l = 0;
                for (TopicPartition tp : ps) {
                    l += load.get(tp);
                    owner.put(tp, e.getKey());
                }
                maxLoad = Math.max(maxLoad, l);
                sumLoad += l;
            }
            // One member leaves; the others rejoin owning what they had, as the client sends it.
            String leaver = String.format("m-%04d", members / 2);
            Map<String, Subscription> after = new HashMap<>();
            for (Map.Entry<String, Assignment> e : first.groupAssignment().entrySet()) {
                if (e.getKey().equals(leaver)) {
                    continue;
                }
                ConsumerPartitionAssignor a = own.get(e.getKey());
                // Deprecated for removal (KIP-1136), but what the consumer itself hands onAssignment.
                @SuppressWarnings("removal")
                ConsumerGroupMetadata metadata = new ConsumerGroupMetadata("q", 1, e.getKey(), Optional.empty());
                a.onAssignment(e.getValue(), metadata);
                ByteBuffer ud = a.subscriptionUserData(new HashSet<>(topicNames));
                after.put(e.getKey(), new Subscription(topicNames, ud, e.getValue().partitions(), 1, Optional.empty()));
            }
            GroupAssignment second = leader.assign(cluster, new GroupSubscription(after));
            int moved = 0;
            int leaversOwn = first.groupAssignment().get(leaver).partitions().size();
            for (Map.Entry<String, Assignment> e : second.groupAssignment().entrySet()) {
                for (TopicPartition tp : e.getValue().partitions()) {
                    if (!e.getKey().equals(owner.get(tp))) {
                        moved++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  %-20s %14d %16.3f %15d (minimum %d)%n", name, max - min, maxLoad / (sumLoad / members), moved, leaversOwn);
        }
        System.out.println("\n  cooperative-sticky moves a revoked partition in a follow-up rebalance: its second round is not shown.");
    }
}
