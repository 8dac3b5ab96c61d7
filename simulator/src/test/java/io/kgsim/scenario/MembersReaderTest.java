package io.kgsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.sim.ScenarioVariants;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** groups[].members: ids and own subscriptions, what the loader accepts, and each mistake as one located message. */
class MembersReaderTest {
    private static final String A = "c1-0b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a";
    private static final String B = "c2-1b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a";

    /** Members c1..c2 on topic t at first, c3 started at 10 s; topic u; {@code protocol} and the members list (line 13 on). */
    private static String scenario(String protocol, String members) {
        return """
                name: s
                duration: 1m
                topics:
                  - {name: t, partitions: 4}
                  - {name: u, partitions: 2}
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    config:
                      group.protocol: %s
                    members:
                %s
                timeline:
                  - {at: 10s, start: {group: g, count: 1}}
                """.formatted(protocol, members.indent(6).stripTrailing());
    }

    private static Scenario load(String yaml) throws ScenarioException {
        return ScenarioLoader.parse("s.yaml", new StringReader(yaml));
    }

    private static String error(String yaml) {
        return assertThrows(ScenarioException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void idsLoadInOrderPerMemberAndUnlistedMembersHaveNone() throws ScenarioException {
        GroupSpec g = load(scenario("classic", "- {name: c1, member.ids: [" + A + ", c1-2b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a]}\n"
                + "- {name: c3, member.id: " + B + "}")).groups().get(0);
        assertEquals(List.of(A, "c1-2b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a"), g.memberIdsOf("c1"));
        assertEquals(List.of(B), g.memberIdsOf("c3"), "c3 exists: the timeline starts it");
        assertEquals(List.of(), g.memberIdsOf("c2"));
    }

    @Test
    void theConsumerProtocolAcceptsAnyNonBlankIdAsTheCoordinatorDoes() throws ScenarioException {
        GroupSpec g = load(scenario("consumer", "- {name: c1, member.id: bmN5VsA2Qgy2FcvlC4dkAw}\n- {name: c2, member.id: " + A + "}")).groups().get(0);
        assertEquals(List.of("bmN5VsA2Qgy2FcvlC4dkAw"), g.memberIdsOf("c1"));
    }

    @Test
    void anIdGivenTwiceInTheGroupIsRefusedWhereItIsRepeated() {
        assertEquals("s.yaml:14:31: group 'g': the member id '" + A + "' is given twice (to c1 and to c2); Kafka never hands out one member id twice in a group",
                error(scenario("classic", "- {name: c1, member.id: " + A + "}\n- {name: c2, member.id: " + A + "}")));
        assertTrue(error(scenario("consumer", "- {name: c1, member.ids: [x, x]}")).startsWith("s.yaml:13:36: group 'g': the member id 'x' is given twice (both to c1)"));
    }

    @Test
    void aNameListedTwiceIsRefused() {
        assertTrue(error(scenario("consumer", "- {name: c1, member.id: x}\n- {name: c1, member.id: y}"))
                .startsWith("s.yaml:14:16: group 'g' lists member c1 twice under 'members' (first at s.yaml:13:16)"));
    }

    @Test
    void aMemberTheGroupNeverHasIsRefusedWithTheNamesItHas() {
        assertEquals("s.yaml:13:16: group 'g' never has a member named 'c4' to list under 'members': its members are c1..c3 (from 'consumers' and the "
                + "timeline's starts); did you mean 'c1'?", error(scenario("consumer", "- {name: c4, member.id: x}")));
        assertTrue(error(scenario("consumer", "- {name: consumer-1, member.id: x}")).startsWith("s.yaml:13:16: group 'g' never has a member named 'consumer-1'"));
    }

    @Test
    void aClassicIdMustBeWhatTheCoordinatorMakes() {
        assertEquals("s.yaml:13:33: member c1 of group 'g' (classic protocol): a classic-protocol member id is made by the coordinator as "
                + "<client.id or group.instance.id>-<UUID> (e.g. c1-4b8f2a7e-1c3d-4e5f-9a0b-1c2d3e4f5a6b), found 'bmN5VsA2Qgy2FcvlC4dkAw'",
                error(scenario("classic", "- {name: c1, member.ids: [bmN5VsA2Qgy2FcvlC4dkAw]}")));
    }

    @Test
    void aBlankIdIsRefusedAsTheCoordinatorRefusesIt() {
        assertTrue(error(scenario("consumer", "- {name: c1, member.id: ' '}"))
                .startsWith("s.yaml:13:31: member c1 of group 'g' (consumer protocol): a member id must not be blank"));
    }

    @Test
    void exactlyOneOfMemberIdAndMemberIdsAndAtLeastOneId() {
        assertTrue(error(scenario("consumer", "- {name: c1, member.id: x, member.ids: [y]}")).startsWith("s.yaml:13:34: member c1 of group 'g' needs exactly one"));
        assertEquals("s.yaml:13:32: 'member.ids' of member c1 is empty: give at least one id", error(scenario("consumer", "- {name: c1, member.ids: []}")));
    }

    @Test
    void anEntryThatFixesNothingIsRefusedWhereItIs() {
        assertEquals("s.yaml:14:9: member c2 of group 'g' fixes nothing: give its id ('member.id', or 'member.ids' for one per id it gets), "
                + "its own 'subscription', or both", error(scenario("consumer", "- {name: c1, member.id: x}\n- {name: c2}")));
    }

    @Test
    void aMisspelledKeyInAMemberIsRefusedWithTheNearestOne() {
        assertTrue(error(scenario("consumer", "- {name: c1, memberid: x}")).startsWith("s.yaml:13:20: unknown key 'memberid' in a member of group 'g'; "
                + "did you mean 'member.id'?"), "the typo is named before the entry is found to fix nothing");
        assertTrue(error(scenario("consumer", "- {name: c1, subscriptions: [u]}")).startsWith("s.yaml:13:20: unknown key 'subscriptions' in a member "
                + "of group 'g'; did you mean 'subscription'?"));
        assertTrue(error(scenario("consumer", "- {name: c1, member.id: x, member.idz: [y]}")).startsWith("s.yaml:13:34: unknown key 'member.idz'"));
    }

    @Test
    void aStrategyOverrideToClassicChecksTheIdsAgainstTheClassicForm() throws ScenarioException {
        Scenario s = load(scenario("consumer", "- {name: c1, member.id: bmN5VsA2Qgy2FcvlC4dkAw}"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioVariants.apply(s, null, Strategies.resolve("sticky")));
        assertTrue(e.getMessage().startsWith("s.yaml:13:31: group 'g', member c1 (classic protocol, as strategy sticky sets): a classic-protocol member id is made by"), e.getMessage());
        ScenarioVariants.apply(s, null, Strategies.resolve("consumer-range"));
    }

    @Test
    void aMemberMayHaveItsOwnSubscriptionWithOrWithoutIds() throws ScenarioException {
        GroupSpec g = load(scenario("classic", "- {name: c1, member.id: " + A + ", subscription: [u, t]}\n- {name: c3, subscription: [u]}"))
                .groups().get(0);
        assertEquals(List.of("u", "t"), g.subscriptionOf("c1"));
        assertEquals(List.of("t"), g.subscriptionOf("c2"), "not listed: the group's subscription");
        assertEquals(List.of("u"), g.subscriptionOf("c3"), "a member the timeline starts takes its own too");
        assertEquals(List.of(A), g.memberIdsOf("c1"));
        assertEquals(List.of("c1"), g.memberIds().stream().map(FixedMemberIds::name).toList(), "an entry without ids fixes no id");
        assertEquals(List.of("t", "u"), List.copyOf(g.subscribedTopics()));
    }

    @Test
    void aMembersUnknownTopicIsRefusedWhereItIsWrittenWithTheNearestName() {
        assertEquals("s.yaml:14:38: member c2 of group 'g' subscribes to the unknown topic 'uu'; did you mean 'u'?",
                error(scenario("consumer", "- {name: c1, member.id: x}\n- {name: c2, subscription: [t, uu]}")));
    }

    @Test
    void anEmptyOwnSubscriptionIsRefused() {
        assertEquals("s.yaml:13:34: 'subscription' of member c1 is empty: give at least one topic (leave the key out for the group's subscription)",
                error(scenario("consumer", "- {name: c1, subscription: []}")));
    }

    @Test
    void aSubscriptionForAMemberTheGroupNeverHasIsRefused() {
        assertTrue(error(scenario("consumer", "- {name: c9, subscription: [u]}"))
                .startsWith("s.yaml:13:16: group 'g' never has a member named 'c9' to list under 'members': its members are c1..c3"));
    }

    @Test
    void aStrategyOverrideKeepsTheMembersSubscriptions() throws ScenarioException {
        Scenario s = load(scenario("consumer", "- {name: c2, subscription: [u]}"));
        Scenario classic = ScenarioVariants.apply(s, null, Strategies.resolve("range"));
        assertEquals(List.of("u"), classic.groups().get(0).subscriptionOf("c2"));
        assertEquals(List.of("u"), s.groups().get(0).withMemberIds(List.of(FixedMemberIds.of("c1", List.of("x")))).subscriptionOf("c2"));
    }
}
