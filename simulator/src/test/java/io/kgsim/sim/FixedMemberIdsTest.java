package io.kgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.kgsim.assignor.AssignorCall;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.report.SummaryJson;
import io.kgsim.scenario.FixedMemberIds;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategies;
import io.kgsim.testing.Runs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;
import org.apache.kafka.coordinator.group.api.assignor.SubscriptionType;
import org.apache.kafka.coordinator.group.assignor.RangeAssignor;
import org.apache.kafka.coordinator.group.modern.Assignment;
import org.apache.kafka.coordinator.group.modern.GroupSpecImpl;
import org.apache.kafka.coordinator.group.modern.MemberSubscriptionAndAssignmentImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Member ids given in a scenario are the ids the simulation uses: the assignment the sticky
 * assignors and the consumer protocol's range assignor make depends on them, and each run's
 * assignment is exactly what the real assignor, called directly with those ids, returns. Two id
 * orders give two different assignments, so a simulation that ignored the given ids would fail
 * one of the two.
 */
class FixedMemberIdsTest {
    /** Real classic ids as clients with the default client.id, each in its own JVM, get them: same prefix, random UUID. */
    private static final String LOW = "consumer-g-1-0a3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a";
    private static final String HIGH = "consumer-g-1-fb3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a";
    private static final String LOW_UUID = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String HIGH_UUID = "zzzzzzzzzzzzzzzzzzzzzw";

    /** c1 and c2 start together on t (3 partitions, one generation or epoch after the initial delay). */
    private static Scenario scenario(String protocol, String c1Id, String c2Id, String strategy) throws ScenarioException {
        Scenario s = Runs.parse("""
                name: fixed-ids
                seed: 3
                duration: 40s
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 3
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    config:
                      group.protocol: %s
                    members:
                      - {name: c1, member.id: %s}
                      - {name: c2, member.id: %s}
                """.formatted(protocol, c1Id, c2Id));
        return ScenarioVariants.apply(s, null, Strategies.resolve(strategy));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sticky", "cooperative-sticky"})
    void theClassicStickyAssignorsAssignByTheGivenIds(String strategy) throws ScenarioException {
        Map<String, List<String>> lowFirst = Runs.run(scenario("classic", LOW, HIGH, strategy)).result().groups().get(0).finalAssignment();
        Map<String, List<String>> highFirst = Runs.run(scenario("classic", HIGH, LOW, strategy)).result().groups().get(0).finalAssignment();

        ConsumerPartitionAssignor direct = strategy.equals("sticky") ? new StickyAssignor() : new CooperativeStickyAssignor();
        assertEquals(byName(classicDirect(direct, LOW, HIGH), LOW, HIGH), lowFirst);
        assertEquals(byName(classicDirect(direct, HIGH, LOW), HIGH, LOW), highFirst);
        assertNotEquals(lowFirst, highFirst, "the two id orders must give different assignments, or this test proves nothing");
    }

    @Test
    void theConsumerProtocolsRangeAssignorAssignsByTheGivenIds() throws ScenarioException {
        Map<String, List<String>> lowFirst = Runs.run(scenario("consumer", LOW_UUID, HIGH_UUID, "consumer-range")).result().groups().get(0).finalAssignment();
        Map<String, List<String>> highFirst = Runs.run(scenario("consumer", HIGH_UUID, LOW_UUID, "consumer-range")).result().groups().get(0).finalAssignment();

        assertEquals(byName(consumerRangeDirect(LOW_UUID, HIGH_UUID), LOW_UUID, HIGH_UUID), lowFirst);
        assertEquals(byName(consumerRangeDirect(HIGH_UUID, LOW_UUID), HIGH_UUID, LOW_UUID), highFirst);
        assertNotEquals(lowFirst, highFirst, "the two id orders must give different assignments, or this test proves nothing");
    }

    @Test
    void theSimulationsClassicLeaderHandsTheAssignorTheGivenIds() throws ScenarioException {
        List<AssignorCall> calls = Runs.run(scenario("classic", HIGH, LOW, "sticky")).calls();
        assertEquals(Set.of(HIGH, LOW), calls.get(calls.size() - 1).subscriptions().keySet());
    }

    /** c1 restarted twice (stop/start, then crash/start), c2 left alone; only c1's ids fixed ({@code ids} null: none). */
    private static Scenario restarts(String protocol, String ids) {
        String members = ids == null ? "" : "members: [{name: c1, member.ids: " + ids + "}]";
        return Runs.parse("""
                name: restarts
                seed: 3
                duration: 60s
                topics:
                  - name: t
                    partitions: 3
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    config:
                      group.protocol: %s
                    %s
                timeline:
                  - {at: 10s, stop: g/c1}
                  - {at: 12s, start: g/c1}
                  - {at: 25s, crash: g/c1}
                  - {at: 27s, start: g/c1}
                """.formatted(protocol, members));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"classic", "consumer"})
    void eachNewProcessTakesTheNextGivenIdAndTheSummaryListsThem(String protocol) {
        String[] ids = protocol.equals("classic")
                ? new String[] {"c1-00000000-0000-4000-8000-000000000001", "c1-00000000-0000-4000-8000-000000000002", "c1-00000000-0000-4000-8000-000000000003"}
                : new String[] {"first", "second", "third"};
        RunResult r = Runs.run(restarts(protocol, "[" + String.join(", ", ids) + "]")).result();
        Map<String, List<String>> got = r.groups().get(0).memberIds();
        assertEquals(List.of(ids), got.get("c1"), "three processes, three ids in the given order");
        assertEquals(1, got.get("c2").size(), "c2 keeps its one derived id");
        assertNotEquals(ids[0], got.get("c2").get(0));

        JsonNode summary = SummaryJson.build(r).get("groups").get(0).get("memberIds");
        assertEquals(ids[2], summary.get("c1").get(2).asText());
        assertEquals(got.get("c2").get(0), summary.get("c2").get(0).asText());
    }

    @Test
    void pastTheEndOfTheListIdsAreDerivedFromTheSeedAsWithoutTheKey() {
        RunResult fixedOne = Runs.run(restarts("consumer", "[first]")).result();
        RunResult none = Runs.run(restarts("consumer", null)).result();
        List<String> derived = none.groups().get(0).memberIds().get("c1");
        assertEquals(List.of("first", derived.get(1), derived.get(2)), fixedOne.groups().get(0).memberIds().get("c1"));
        assertNull(SummaryJson.build(none).get("groups").get(0).get("memberIds"), "without fixed ids the summary is as before");
        assertEquals(List.of("group g: member c1 got 3 member ids but the scenario fixes 1; the ids after the first were derived from the seed "
                + "(see summary.json's memberIds)"), fixedOne.warnings());
        assertEquals(List.of(), none.warnings());
    }

    /** c1 frozen (a GC pause) past its 45 s session: the coordinator drops it, and it rejoins when it thaws. */
    private static RunResult pausedPastTheSession(String protocol, String ids) {
        Runs.Recorded rec =
                Runs.run(Runs.parse("""
                name: paused
                seed: 3
                duration: 90s
                topics:
                  - name: t
                    partitions: 3
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    config:
                      group.protocol: %s
                    members: [{name: c1, member.ids: %s}]
                timeline:
                  - {at: 10s, pause: {member: g/c1, for: 50s}}
                """.formatted(protocol, ids)));
        assertEquals(1, rec.filter(e -> e.type() == GroupEventType.MEMBER_REMOVED && "c1".equals(e.member())
                && "session-timeout".equals(e.reason())).size(), "the pause outlasts the session: the coordinator drops c1 once");
        return rec.result();
    }

    @Test
    void aClassicMemberThatLostItsIdTakesTheNextOneInTheSameProcess() {
        String first = "c1-00000000-0000-4000-8000-000000000001";
        String second = "c1-00000000-0000-4000-8000-000000000002";
        RunResult r = pausedPastTheSession("classic", "[" + first + ", " + second + "]");
        assertEquals(List.of(first, second), r.groups().get(0).memberIds().get("c1"),
                "UNKNOWN_MEMBER_ID resets the client's id; its next JoinGroup gets a new one from the coordinator");
        assertEquals(List.of("c1", "c2"), List.copyOf(r.groups().get(0).finalAssignment().keySet()));
    }

    @Test
    void aConsumerProtocolMemberKeepsItsIdWhenFencedAndRejoining() {
        RunResult r = pausedPastTheSession("consumer", "[first, second]");
        assertEquals(List.of("first"), r.groups().get(0).memberIds().get("c1"), "KIP-1082: one id per process, kept across fencing");
        assertEquals(List.of("c1", "c2"), List.copyOf(r.groups().get(0).finalAssignment().keySet()));
    }

    @Test
    void aProgramCanFixIdsWithoutAFileAsAReplayWill() {
        Scenario s = restarts("consumer", null);
        RunResult derived = Runs.run(s).result();
        Scenario fixed = s.withGroups(List.of(s.groups().get(0).withMemberIds(List.of(FixedMemberIds.of("c2", List.of("real-c2"))))));
        RunResult r = Runs.run(fixed).result();
        assertEquals(List.of("real-c2"), r.groups().get(0).memberIds().get("c2"));
        assertEquals(derived.groups().get(0).memberIds().get("c1"), r.groups().get(0).memberIds().get("c1"));
    }

    /** The kafka-clients assignor called directly: c1 and c2 (by id) subscribed to t, nothing owned. */
    private static Map<String, List<String>> classicDirect(ConsumerPartitionAssignor assignor, String c1, String c2) {
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            partitions.add(new PartitionInfo("t", p, null, null, null));
        }
        Map<String, Subscription> subscriptions = new HashMap<>();
        subscriptions.put(c1, new Subscription(List.of("t")));
        subscriptions.put(c2, new Subscription(List.of("t")));
        ConsumerPartitionAssignor.GroupAssignment a = assignor.assign(new Cluster("k", List.of(), partitions, Set.of(), Set.of()),
                new GroupSubscription(subscriptions));
        Map<String, List<String>> out = new TreeMap<>();
        a.groupAssignment().forEach((id, assignment) -> out.put(id, assignment.partitions().stream().map(TopicPartition::toString).sorted().toList()));
        return out;
    }

    /** The group-coordinator range assignor called directly: c1 and c2 (by id) subscribed to t, nothing assigned yet. */
    private static Map<String, List<String>> consumerRangeDirect(String c1, String c2) {
        Uuid t = Uuid.randomUuid();
        Map<String, MemberSubscriptionAndAssignmentImpl> members = new HashMap<>();
        for (String id : List.of(c1, c2)) {
            members.put(id, new MemberSubscriptionAndAssignmentImpl(Optional.empty(), Optional.empty(), Set.of(t), Assignment.EMPTY));
        }
        SubscribedTopicDescriber describer = new SubscribedTopicDescriber() {
            @Override
            public int numPartitions(Uuid topicId) {
                return topicId.equals(t) ? 3 : -1;
            }

            @Override
            public Set<String> racksForPartition(Uuid topicId, int partition) {
                return Set.of();
            }
        };
        GroupAssignment a = new RangeAssignor().assign(new GroupSpecImpl(members, SubscriptionType.HOMOGENEOUS, Map.of()), describer);
        Map<String, List<String>> out = new TreeMap<>();
        a.members().forEach((id, m) -> out.put(id, m.partitions().getOrDefault(t, Set.of()).stream().sorted().map(p -> "t-" + p).toList()));
        return out;
    }

    private static Map<String, List<String>> byName(Map<String, List<String>> byId, String c1, String c2) {
        return new TreeMap<>(Map.of("c1", byId.get(c1), "c2", byId.get(c2)));
    }
}
