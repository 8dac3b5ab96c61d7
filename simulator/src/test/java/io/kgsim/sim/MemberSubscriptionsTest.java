package io.kgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategies;
import io.kgsim.testing.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Members of one group with different subscriptions ({@code groups[].members[].subscription}):
 * c1 on A, c2 on A and B, c3 on B and C. Each member is created with its own subscription, so the
 * real assignors see three different subscriptions and hand each member only partitions of its
 * own topics; the expected assignments are what the Kafka 4.4 assignors return for these inputs
 * (checked once by calling them directly), so a simulation that gave every member the group's
 * subscription ([A]) would leave B and C unassigned and fail every case.
 */
class MemberSubscriptionsTest {
    /** Fixed ids in name order, so the assignors that order members by id see c1, c2, c3. */
    private static final String[] CLASSIC_IDS = {"c1-00000000-0000-4000-8000-000000000001", "c2-00000000-0000-4000-8000-000000000002",
        "c3-00000000-0000-4000-8000-000000000003"};
    private static final String[] CONSUMER_IDS = {"AAAAAAAAAAAAAAAAAAAAAQ", "AAAAAAAAAAAAAAAAAAAAAg", "AAAAAAAAAAAAAAAAAAAAAw"};

    /** A and B have 4 partitions, C 2; the three members start at t=0; {@code timeline} is appended. */
    private static Scenario scenario(String strategy, String timeline) throws ScenarioException {
        boolean classic = !strategy.startsWith("consumer-");
        String[] ids = classic ? CLASSIC_IDS : CONSUMER_IDS;
        Scenario s = Runs.parse("""
                name: own-subscriptions
                seed: 5
                duration: 40s
                topics:
                  - {name: A, partitions: 4}
                  - {name: B, partitions: 4}
                  - {name: C, partitions: 2}
                groups:
                  - group.id: g
                    subscription: [A]
                    consumers: 3
                    config:
                      group.protocol: %s
                    members:
                      - {name: c1, member.id: %s}
                      - {name: c2, member.id: %s, subscription: [A, B]}
                      - {name: c3, member.id: %s, subscription: [B, C]}
                %s""".formatted(classic ? "classic" : "consumer", ids[0], ids[1], ids[2], timeline));
        return ScenarioVariants.apply(s, null, Strategies.resolve(strategy));
    }

    static Stream<Arguments> strategies() {
        return Stream.of(
                // Per topic, its subscribers in id order split it: A over c1, c2; B over c2, c3; C to c3.
                Arguments.of("range", Map.of("c1", List.of("A-0", "A-1"), "c2", List.of("A-2", "A-3", "B-0", "B-1"),
                        "c3", List.of("B-2", "B-3", "C-0", "C-1"))),
                // All partitions in order, each to the next member in the circle that subscribes to its topic.
                Arguments.of("roundrobin", Map.of("c1", List.of("A-0", "A-2"), "c2", List.of("A-1", "A-3", "B-1", "B-3"),
                        "c3", List.of("B-0", "B-2", "C-0", "C-1"))),
                // The sticky assignors' general (unequal subscriptions) path balances to 3, 3, 4.
                Arguments.of("sticky", Map.of("c1", List.of("A-0", "A-1", "A-2"), "c2", List.of("A-3", "B-0", "B-2"),
                        "c3", List.of("B-1", "B-3", "C-0", "C-1"))),
                Arguments.of("cooperative-sticky", Map.of("c1", List.of("A-0", "A-1", "A-2"), "c2", List.of("A-3", "B-0", "B-2"),
                        "c3", List.of("B-1", "B-3", "C-0", "C-1"))),
                // c1's heartbeat arrives first: the coordinator assigns it all of A at once; c2 and c3 join
                // together and the uniform assignor, sticky, keeps c1's A and balances B and C as 3 and 3.
                Arguments.of("consumer-uniform", Map.of("c1", List.of("A-0", "A-1", "A-2", "A-3"), "c2", List.of("B-0", "B-1", "B-2"),
                        "c3", List.of("B-3", "C-0", "C-1"))),
                Arguments.of("consumer-range", Map.of("c1", List.of("A-0", "A-1"), "c2", List.of("A-2", "A-3", "B-0", "B-1"),
                        "c3", List.of("B-2", "B-3", "C-0", "C-1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void eachMemberGetsOnlyPartitionsOfItsOwnTopicsAsTheRealAssignorGivesThem(String strategy, Map<String, List<String>> expected)
            throws ScenarioException {
        Map<String, List<String>> got = Runs.run(scenario(strategy, "")).result().groups().get(0).finalAssignment();
        assertEquals(expected, got);
        assertOnlyOwnTopics(got, Map.of("c1", List.of("A"), "c2", List.of("A", "B"), "c3", List.of("B", "C")));
    }

    @Test
    void theGroupAccountsForEveryTopicItsMembersSubscribeTo() throws ScenarioException {
        ScenarioRun run = new ScenarioRun(scenario("range", ""), RunOptions.strict());
        List<String> topics = run.groups().get("g").subscribedPartitions().stream().map(TopicPartition::topic).distinct().toList();
        assertEquals(List.of("A", "B", "C"), topics, "B and C count for unowned time and lag although the group's own subscription is [A]");
    }

    @Test
    void aRestartKeepsTheMembersOwnSubscriptionAndSubscribeOverridesIt() throws ScenarioException {
        Runs.Recorded rec = Runs.run(scenario("cooperative-sticky", """
                timeline:
                  - {at: 10s, stop: g/c3}
                  - {at: 12s, start: g/c3}
                  - {at: 20s, subscribe: {member: g/c1, topics: [C]}}
                """));
        List<TopicPartition> assignedToC3AfterRestart = new ArrayList<>();
        for (GroupEvent e : rec.filter(e -> e.type() == GroupEventType.PARTITIONS_ASSIGNED && "c3".equals(e.member()))) {
            if (e.timeUs() > 12_000_000L && e.timeUs() < 20_000_000L) {
                assignedToC3AfterRestart.addAll(e.partitions());
            }
        }
        assertTrue(!assignedToC3AfterRestart.isEmpty() && assignedToC3AfterRestart.stream().allMatch(p -> p.topic().equals("B") || p.topic().equals("C")),
                "the restarted c3 subscribes to B and C again: " + assignedToC3AfterRestart);
        Map<String, List<String>> last = rec.result().groups().get(0).finalAssignment();
        assertOnlyOwnTopics(last, Map.of("c1", List.of("C"), "c2", List.of("A", "B"), "c3", List.of("B", "C")));
        assertTrue(last.get("c1").stream().anyMatch(p -> p.startsWith("C-")), "c1 moved to C: " + last);
    }

    private static void assertOnlyOwnTopics(Map<String, List<String>> assignment, Map<String, List<String>> subscriptions) {
        assignment.forEach((member, partitions) -> {
            for (String p : partitions) {
                String topic = p.substring(0, p.lastIndexOf('-'));
                assertTrue(subscriptions.get(member).contains(topic), member + " got " + p + " outside its subscription " + subscriptions.get(member));
            }
        });
    }
}
