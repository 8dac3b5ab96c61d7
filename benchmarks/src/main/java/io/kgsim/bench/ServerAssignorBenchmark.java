package io.kgsim.bench;

import io.kgsim.scenario.Strategies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;
import org.apache.kafka.coordinator.group.api.assignor.SubscriptionType;
import org.apache.kafka.coordinator.group.modern.Assignment;
import org.apache.kafka.coordinator.group.modern.GroupSpecImpl;
import org.apache.kafka.coordinator.group.modern.MemberSubscriptionAndAssignmentImpl;
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
 * The consumer protocol's (KIP-848) assignment hot path: the group coordinator's
 * {@code UniformAssignor} and {@code RangeAssignor} (or any {@code ConsumerGroupPartitionAssignor}
 * by class name) computing a target assignment, in the same situations as
 * {@link ClientAssignorBenchmark}. The reassignment cases start from the target the same
 * assignor computed before, rebuilt into new maps as the coordinator rebuilds them from its
 * records, so the assignor never gets its own objects back.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ServerAssignorBenchmark -p members=100 -p partitions=1000 \
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
public class ServerAssignorBenchmark {
    @Param({"consumer-uniform", "consumer-range"})
    public String assignor;

    @Param({"10", "100", "1000", "5000"})
    public int members;

    @Param({"100", "1000", "10000", "100000"})
    public int partitions;

    /** The partitions are spread evenly over this many topics (at least one partition each). */
    @Param({"1", "10", "100"})
    public int topics;

    @Param({"HOMOGENEOUS", "HETEROGENEOUS"})
    public ClientAssignorBenchmark.SubscriptionKind subscription;

    @Param({"false", "true"})
    public boolean rackAware;

    @Param({"FULL", "STABLE", "JOIN_ONE", "LEAVE_ONE", "LEAVE_MANY", "PARTITIONS_ADDED"})
    public ClientAssignorBenchmark.Event event;

    private static final String[] RACKS = {"az1", "az2", "az3"};

    private ConsumerGroupPartitionAssignor instance;
    private GroupSpecImpl spec;
    private SubscribedTopicDescriber describer;

    /** Topic metadata as the coordinator's image has it: partition counts, replica racks. */
    private record Describer(Map<Uuid, Integer> counts, boolean racks) implements SubscribedTopicDescriber {
        @Override
        public int numPartitions(Uuid topicId) {
            return counts.getOrDefault(topicId, -1);
        }

        @Override
        public Set<String> racksForPartition(Uuid topicId, int partition) {
            if (!racks) {
                return Set.of();
            }
            return Set.of(RACKS[partition % RACKS.length], RACKS[(partition + 1) % RACKS.length]);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String className = Strategies.resolve(assignor).className();
        instance = (ConsumerGroupPartitionAssignor) Class.forName(className).getConstructor().newInstance();
        int perTopic = Math.max(1, partitions / topics);
        List<Uuid> topicIds = new ArrayList<>();
        Map<Uuid, Integer> counts = new HashMap<>();
        for (int t = 0; t < topics; t++) {
            Uuid id = new Uuid(0x5eedL, t + 1);
            topicIds.add(id);
            counts.put(id, perTopic);
        }
        Map<String, Set<Uuid>> subscriptions = new HashMap<>();
        for (int i = 0; i < members; i++) {
            subscriptions.put(memberId(i), topicsOf(i, topicIds));
        }
        describer = new Describer(counts, rackAware);
        Map<String, Map<Uuid, Set<Integer>>> current = new HashMap<>();
        if (event != ClientAssignorBenchmark.Event.FULL) {
            GroupAssignment before = instance.assign(spec(subscriptions, Map.of()), describer);
            for (Map.Entry<String, MemberAssignment> e : before.members().entrySet()) {
                current.put(e.getKey(), copy(e.getValue().partitions()));
            }
            switch (event) {
                case JOIN_ONE -> subscriptions.put(memberId(members), topicsOf(members, topicIds));
                case LEAVE_ONE -> {
                    subscriptions.remove(memberId(members / 2));
                    current.remove(memberId(members / 2));
                }
                case LEAVE_MANY -> {
                    for (int i = 0; i < members; i += 3) {
                        subscriptions.remove(memberId(i));
                        current.remove(memberId(i));
                    }
                }
                case PARTITIONS_ADDED -> {
                    Map<Uuid, Integer> more = new HashMap<>();
                    counts.forEach((id, n) -> more.put(id, n + Math.max(1, n / 10)));
                    describer = new Describer(more, rackAware);
                }
                default -> {
                }
            }
        }
        spec = spec(subscriptions, current);
    }

    private GroupSpecImpl spec(Map<String, Set<Uuid>> subscriptions, Map<String, Map<Uuid, Set<Integer>>> current) {
        Map<String, MemberSubscriptionAndAssignmentImpl> ms = new HashMap<>();
        Map<Uuid, Map<Integer, String>> inverted = new HashMap<>();
        for (Map.Entry<String, Set<Uuid>> e : subscriptions.entrySet()) {
            Map<Uuid, Set<Integer>> owned = current.getOrDefault(e.getKey(), Map.of());
            int n = Integer.parseInt(e.getKey().substring(e.getKey().indexOf('-') + 1));
            ms.put(e.getKey(), new MemberSubscriptionAndAssignmentImpl(rackAware ? Optional.of(RACKS[n % RACKS.length]) : Optional.empty(),
                    Optional.empty(), e.getValue(), new Assignment(owned)));
            owned.forEach((topic, ps) -> ps.forEach(p -> inverted.computeIfAbsent(topic, k -> new HashMap<>()).put(p, e.getKey())));
        }
        SubscriptionType type = subscription == ClientAssignorBenchmark.SubscriptionKind.HOMOGENEOUS ? SubscriptionType.HOMOGENEOUS : SubscriptionType.HETEROGENEOUS;
        return new GroupSpecImpl(ms, type, inverted);
    }

    private Set<Uuid> topicsOf(int member, List<Uuid> topicIds) {
        Set<Uuid> out = new HashSet<>();
        for (int t = 0; t < topicIds.size(); t++) {
            if (subscription == ClientAssignorBenchmark.SubscriptionKind.HOMOGENEOUS || t == 0 || t % 2 == member % 2) {
                out.add(topicIds.get(t));
            }
        }
        return out;
    }

    private static Map<Uuid, Set<Integer>> copy(Map<Uuid, Set<Integer>> m) {
        Map<Uuid, Set<Integer>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, new HashSet<>(v)));
        return out;
    }

    private static String memberId(int i) {
        return String.format("member-%05d", i);
    }

    @Benchmark
    public GroupAssignment assign() {
        return instance.assign(spec, describer);
    }
}
