package io.kgsim.bench;

import io.kgsim.scenario.Strategies;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic protocol's assignment hot path: one {@code assign(Cluster, GroupSubscription)}
 * of a real kafka-clients assignor (or any class named in {@code assignor}), in the situation a
 * rebalance is really in.
 *
 * <ul>
 * <li>{@code event}: {@code FULL} (a new group, nothing owned), {@code STABLE} (everybody
 *     rejoins owning what it was given), {@code JOIN_ONE}, {@code LEAVE_ONE}, {@code LEAVE_MANY}
 *     (a zone outage: every member of one of three racks leaves), {@code PARTITIONS_ADDED}
 *     (10 % more partitions per topic). Every case but FULL starts from the assignment the same
 *     assignor produced for the group before, with owned partitions, generation and user data
 *     exactly as the client sends them (each member's own assignor instance got
 *     {@code onAssignment}).
 * <li>{@code topics}: 1, 10 or 100 topics sharing the partitions evenly; with one topic the two
 *     subscription kinds are the same group.
 * <li>{@code subscription}: every member subscribes to every topic, or member i to the topics
 *     whose index has i's parity plus topic 0 ({@code HETEROGENEOUS}).
 * <li>{@code rackAware}: members and replicas in three racks (replication factor 2), so KIP-881's
 *     rack-aware paths run; otherwise no {@code client.rack}.
 * </ul>
 *
 * Inputs are built in the trial setup; before each invocation, outside the measured call, fresh
 * user-data buffers (assignors consume them) are wrapped around the same subscriptions. The
 * full Cartesian product is large: run slices with {@code -p}. The smoke slice (every assignor
 * and event, 100 members, 1,000 partitions in 10 topics) takes about a minute:
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ClientAssignorBenchmark -p members=100 -p partitions=1000 \
 *     -p topics=10 \
 *     -p subscription=HOMOGENEOUS -p rackAware=false -wi 1 -w 1 -i 1 -r 1 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class ClientAssignorBenchmark {
    public enum Event { FULL, STABLE, JOIN_ONE, LEAVE_ONE, LEAVE_MANY, PARTITIONS_ADDED }

    public enum SubscriptionKind { HOMOGENEOUS, HETEROGENEOUS }

    @Param({"range", "roundrobin", "sticky", "cooperative-sticky"})
    public String assignor;

    @Param({"10", "100", "1000", "5000"})
    public int members;

    @Param({"100", "1000", "10000", "100000"})
    public int partitions;

    /** The partitions are spread evenly over this many topics (at least one partition each). */
    @Param({"1", "10", "100"})
    public int topics;

    @Param({"HOMOGENEOUS", "HETEROGENEOUS"})
    public SubscriptionKind subscription;

    @Param({"false", "true"})
    public boolean rackAware;

    @Param({"FULL", "STABLE", "JOIN_ONE", "LEAVE_ONE", "LEAVE_MANY", "PARTITIONS_ADDED"})
    public Event event;

    private static final String[] RACKS = {"az1", "az2", "az3"};

    private ConsumerPartitionAssignor instance;
    private Cluster cluster;
    private Map<String, Subscription> input;
    private GroupSubscription groupSubscription;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String className = Strategies.resolve(assignor).className();
        int perTopic = Math.max(1, partitions / topics);
        Cluster before = cluster(perTopic);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            ids.add(String.format("member-%05d", i));
        }
        Map<String, ConsumerPartitionAssignor> own = new LinkedHashMap<>();
        for (String id : ids) {
            own.put(id, newAssignor(className));
        }
        Map<String, Subscription> subs = new HashMap<>();
        for (int i = 0; i < members; i++) {
            subs.put(ids.get(i), subscriptionOf(i, own.get(ids.get(i)), List.of(), -1));
        }
        cluster = before;
        if (event != Event.FULL) {
            // The group before the event: assigned by the same assignor, each member told.
            GroupAssignment ga = newAssignor(className).assign(before, new GroupSubscription(copy(subs)));
            int generation = 5;
            Map<String, Subscription> after = new HashMap<>();
            for (int i = 0; i < members; i++) {
                String id = ids.get(i);
                Assignment a = ga.groupAssignment().get(id);
                // Deprecated for removal (KIP-1136), but what the consumer itself hands onAssignment.
                @SuppressWarnings("removal")
                ConsumerGroupMetadata metadata = new ConsumerGroupMetadata("bench", generation, id, Optional.empty());
                own.get(id).onAssignment(a, metadata);
                after.put(id, subscriptionOf(i, own.get(id), a.partitions(), generation));
            }
            switch (event) {
                case JOIN_ONE -> {
                    String id = String.format("member-%05d", members);
                    ConsumerPartitionAssignor a = newAssignor(className);
                    after.put(id, subscriptionOf(members, a, List.of(), -1));
                }
                case LEAVE_ONE -> after.remove(ids.get(members / 2));
                case LEAVE_MANY -> {
                    for (int i = 0; i < members; i += 3) {
                        after.remove(ids.get(i));
                    }
                }
                case PARTITIONS_ADDED -> cluster = cluster(perTopic + Math.max(1, perTopic / 10));
                default -> {
                }
            }
            subs = after;
        }
        instance = newAssignor(className);
        input = subs;
    }

    private Subscription subscriptionOf(int member, ConsumerPartitionAssignor a, List<TopicPartition> owned, int generation) {
        List<String> topicList = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            if (subscription == SubscriptionKind.HOMOGENEOUS || t == 0 || t % 2 == member % 2) {
                topicList.add("topic-" + t);
            }
        }
        ByteBuffer userData = a.subscriptionUserData(new HashSet<>(topicList));
        return new Subscription(topicList, userData, owned, generation,
                rackAware ? Optional.of(RACKS[member % RACKS.length]) : Optional.empty());
    }

    private Cluster cluster(int perTopic) {
        List<Node> nodes = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            nodes.add(new Node(b, "broker-" + b, 9092, RACKS[b % RACKS.length]));
        }
        List<PartitionInfo> infos = new ArrayList<>();
        Map<String, Uuid> topicIds = new HashMap<>();
        for (int t = 0; t < topics; t++) {
            String topic = "topic-" + t;
            topicIds.put(topic, new Uuid(0x5eedL, t + 1));
            for (int p = 0; p < perTopic; p++) {
                Node[] replicas = {nodes.get((t + p) % nodes.size()), nodes.get((t + p + 1) % nodes.size())};
                infos.add(new PartitionInfo(topic, p, replicas[0], replicas, replicas));
            }
        }
        return new Cluster("bench", nodes, infos, new HashSet<>(), new HashSet<>(), new HashSet<>(), null, topicIds);
    }

    private static ConsumerPartitionAssignor newAssignor(String className) throws Exception {
        return (ConsumerPartitionAssignor) Class.forName(className).getConstructor().newInstance();
    }

    /** The same subscriptions with fresh user-data buffers: what an invocation may consume. */
    private static Map<String, Subscription> copy(Map<String, Subscription> subs) {
        Map<String, Subscription> out = new HashMap<>(subs.size() * 2);
        for (Map.Entry<String, Subscription> e : subs.entrySet()) {
            Subscription s = e.getValue();
            ByteBuffer ud = s.userData() == null ? null : s.userData().duplicate();
            Subscription c = new Subscription(s.topics(), ud, s.ownedPartitions(), s.generationId().orElse(-1), s.rackId());
            c.setGroupInstanceId(s.groupInstanceId());
            out.put(e.getKey(), c);
        }
        return out;
    }

    /**
     * Assignors consume the user-data buffers they read, so every call needs fresh ones: built
     * here, outside the measured call. (JMH's caveat on per-invocation setup is about timer
     * overhead for calls of microseconds; the smallest case here takes tens of microseconds.)
     */
    @Setup(Level.Invocation)
    public void freshSubscriptions() {
        groupSubscription = new GroupSubscription(copy(input));
    }

    @Benchmark
    public GroupAssignment assign() {
        return instance.assign(cluster, groupSubscription);
    }
}
