package io.kgsim.replay.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.replay.record.OwnershipEvent;
import io.kgsim.replay.record.OwnershipEvent.Kind;
import io.kgsim.replay.record.Recording;
import io.kgsim.replay.record.StartSpacing;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategies;
import io.kgsim.sim.ScenarioVariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated side of a replay: ids fixed, nothing produced, the recording it makes, its outputs. */
class ReplaySimulationTest {
    private static final String LOW_UUID = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String HIGH_UUID = "zzzzzzzzzzzzzzzzzzzzzw";

    @TempDir
    Path tmp;

    /** c1 and c2 on t (3 partitions), 1,000 records/s, a set-rate at 10 s, c2 stopped at 20 s. */
    private static Scenario twoMembers(String strategy) throws ScenarioException {
        Scenario s = Recordings.parse("""
                name: two-members
                seed: 5
                duration: 30s
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 3
                    produce:
                      rate: 1000/s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                timeline:
                  - {at: 10s, set-rate: {topic: t, rate: 5000/s}}
                  - {at: 20s, stop: g/c2}
                """);
        return ScenarioVariants.apply(s, null, Strategies.resolve(strategy));
    }

    private static Recording idsOnly(String c1, String c2) {
        return new Recording(List.of(), Map.of("g/c1", List.of(c1), "g/c2", List.of(c2)), List.of());
    }

    @Test
    void theConsumerProtocolsRangeAssignorFollowsTheRealIds() throws Exception {
        ReplaySimulation.Outcome low = ReplaySimulation.run(twoMembers("consumer-range"), idsOnly(LOW_UUID, HIGH_UUID), tmp.resolve("a"), null);
        ReplaySimulation.Outcome high = ReplaySimulation.run(twoMembers("consumer-range"), idsOnly(HIGH_UUID, LOW_UUID), tmp.resolve("b"), null);
        // At 20 s, the end of step 1: the member that joined second waits for its partition's
        // revocation (heartbeats every 5 s), so step 0's end would show one owner only.
        SortedMap<String, List<String>> lowFirst = simulatedStep(low, 1).assignment();
        SortedMap<String, List<String>> highFirst = simulatedStep(high, 1).assignment();
        // Range gives the first member id (in id order) two of the three partitions.
        assertEquals(List.of("t-0", "t-1"), lowFirst.get("c1"));
        assertEquals(List.of("t-2"), lowFirst.get("c2"));
        assertEquals(List.of("t-0", "t-1"), highFirst.get("c2"));
        assertEquals(List.of("t-2"), highFirst.get("c1"));
        assertEquals(Map.of("g/c1", List.of(LOW_UUID), "g/c2", List.of(HIGH_UUID)), low.simulated().memberIds());
    }

    /** c1 on a (6) and b (4) alone, c2 joins at 10 s: under uniform, which topic c1 keeps depends on the topic ids. */
    private static Scenario twoTopics() throws ScenarioException {
        Scenario s = Recordings.parse("""
                name: two-topics
                seed: 5
                duration: 25s
                topics:
                  - {name: a, partitions: 6}
                  - {name: b, partitions: 4}
                groups:
                  - group.id: g
                    subscription: [a, b]
                    consumers: 1
                timeline:
                  - {at: 10s, start: {group: g, count: 1}}
                """);
        return ScenarioVariants.apply(s, null, Strategies.resolve("consumer-uniform"));
    }

    @Test
    void theUniformAssignorFollowsTheTopicIdsTheRealRunGot() throws Exception {
        String a = "_7MUC2oCR3S3prTlnj_nGw";
        String b = "99tDTUdxTgKu7BxrnRIGig";
        Recording real = idsOnly("FDW2p5hfQCCj0EPCP1GKxQ", "dgrUPReVSBOXpY3iwiMInw");
        ReplaySimulation.Outcome asReal = ReplaySimulation.run(twoTopics(), real.withTopicIds(Map.of("a", a, "b", b)), tmp.resolve("a"), null);
        ReplaySimulation.Outcome swapped = ReplaySimulation.run(twoTopics(), real.withTopicIds(Map.of("a", b, "b", a)), tmp.resolve("b"), null);
        // Kafka 4.4.0's coordinator, with these ids, left c1 a-0..a-4 (its log of the target for epoch 3).
        assertEquals(List.of("a-0", "a-1", "a-2", "a-3", "a-4"), simulatedStep(asReal, 1).assignment().get("c1"));
        assertEquals(List.of("a-0", "b-0", "b-1", "b-2", "b-3"), simulatedStep(swapped, 1).assignment().get("c1"));
        JsonNode replayJson = new ObjectMapper().readTree(tmp.resolve("a").resolve(ReplaySimulation.REPLAY_JSON).toFile());
        assertEquals(a, replayJson.get("topicIds").get("a").asText());
    }

    @Test
    void theClassicIdsOfTheRealRunAreTheSimulations() throws Exception {
        String c1 = "c1-0a3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a";
        String c2 = "c2-fb3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a";
        ReplaySimulation.Outcome o = ReplaySimulation.run(twoMembers("sticky"), idsOnly(c1, c2), tmp, null);
        assertEquals(Map.of("g/c1", List.of(c1), "g/c2", List.of(c2)), o.simulated().memberIds());
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("summary.json").toFile());
        assertEquals(c2, summary.get("groups").get(0).get("memberIds").get("c2").get(0).asText());
    }

    @Test
    void anIdThatDoesNotFitTheProtocolIsRefusedBeforeAnythingRuns() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ReplaySimulation.run(twoMembers("range"), idsOnly("not-a-classic-id", "c2-fb3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a"), tmp, null));
        assertTrue(e.getMessage().contains("group 'g', member c1"), e.getMessage());
        assertTrue(e.getMessage().contains("the member ids the real run got"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("summary.json")), "nothing is written");
    }

    @Test
    void nothingIsProducedAndTheTimelineKeepsItsEntries() throws Exception {
        ReplaySimulation.Outcome o = ReplaySimulation.run(twoMembers("range"), idsOnly("c1-0a3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a",
                "c2-fb3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a"), tmp, null);
        assertEquals(0, o.result().recordsProduced());
        assertEquals(3, o.comparison().groups().get(0).steps().size(), "start, set-rate and stop");
        assertEquals("stop g/c2", o.comparison().groups().get(0).steps().get(2).step().action());
        assertEquals("t rate 5000/s", o.comparison().groups().get(0).steps().get(1).step().action(), "steps read as the user wrote them");
        // c2's stop: its partition is revoked before the close ends; the eager rebalance that
        // follows revokes c1's two, then hands c1 all three.
        StepMetrics stop = simulatedStep(o, 2);
        assertEquals(Map.of("c1", List.of("t-0", "t-1", "t-2")), stop.assignment());
        assertEquals(3, stop.revocations());
        assertEquals(1, stop.rebalances());
        List<Kind> c2Kinds = o.simulated().events().stream().filter(e -> e.member().equals("c2")).map(OwnershipEvent::kind).toList();
        assertEquals(List.of(Kind.STARTED, Kind.EPOCH, Kind.ASSIGNED, Kind.REVOKED, Kind.CLOSED), c2Kinds);
    }

    /** c1 is frozen 20 s (gc) against a 10 s session timeout; c2 crashes at 40 s. */
    private static Scenario pauseAndCrash() {
        return Recordings.parse("""
                name: pause-and-crash
                seed: 7
                duration: 70s
                topics:
                  - name: t
                    partitions: 4
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 3
                    config:
                      partition.assignment.strategy: cooperative-sticky
                      session.timeout.ms: 10000
                timeline:
                  - {at: 10s, pause: {member: g/c1, for: 20s, kind: gc}}
                  - {at: 40s, crash: g/c2}
                """);
    }

    @Test
    void aFrozenMemberLosesItsPartitionsOnlyWhenItResumesAndAKilledOneRunsNoCallback() throws Exception {
        ReplaySimulation.Outcome o = ReplaySimulation.run(pauseAndCrash(), new Recording(List.of(), Map.of(), List.of()), tmp, null);
        List<OwnershipEvent> events = o.simulated().events();
        OwnershipEvent lost = events.stream().filter(e -> e.member().equals("c1") && e.kind() == Kind.LOST).findFirst().orElseThrow();
        assertTrue(lost.timeUs() >= 30_000_000L, "c1's callbacks run after it resumes at 30 s, not when the group removed it: " + lost);
        long handedOver = events.stream().filter(e -> !e.member().equals("c1") && e.kind() == Kind.ASSIGNED && e.timeUs() > 10_000_000L)
                .filter(e -> e.partitions().stream().anyMatch(lost.partitions()::contains)).findFirst().orElseThrow().timeUs();
        assertTrue(handedOver < 30_000_000L, "the group gave c1's partitions to another member while c1 was frozen");

        List<Kind> c2 = events.stream().filter(e -> e.member().equals("c2") && e.timeUs() >= 40_000_000L).map(OwnershipEvent::kind).toList();
        assertEquals(List.of(Kind.KILLED), c2, "a killed process runs no callback: no LOST after KILLED");
    }

    @Test
    void aStuckHandlersLossIsRecordedWhenItPollsAgainThoughTheGroupMovedOnAtThePollTimeout() throws Exception {
        // c1's handler is stuck 20 s from 10 s; max.poll.interval.ms 8 s: the client leaves at 18 s.
        Scenario s = Recordings.parse("""
                name: stuck-handler
                seed: 7
                duration: 40s
                topics:
                  - name: t
                    partitions: 4
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    config:
                      group.protocol: consumer
                      max.poll.interval.ms: 8000
                timeline:
                  - {at: 10s, pause: {member: g/c1, for: 20s, kind: handler}}
                """);
        ReplaySimulation.Outcome o = ReplaySimulation.run(s, new Recording(List.of(), Map.of(), List.of()), tmp, null);
        List<OwnershipEvent> events = o.simulated().events();
        OwnershipEvent lost = events.stream().filter(e -> e.member().equals("c1") && e.kind() == Kind.LOST).findFirst().orElseThrow();
        assertEquals(30_000_000L, lost.timeUs(), "onPartitionsLost runs when the handler returns, not at the poll timeout: " + lost);
        long handedOver = events.stream().filter(e -> e.member().equals("c2") && e.kind() == Kind.ASSIGNED && e.timeUs() > 10_000_000L)
                .filter(e -> e.partitions().stream().anyMatch(lost.partitions()::contains)).findFirst().orElseThrow().timeUs();
        assertTrue(handedOver > 18_000_000L && handedOver < 30_000_000L,
                "c2 gets c1's partitions after c1's poll timeout, while c1's callbacks wait: " + handedOver);
    }

    @Test
    void replayJsonIsTheSameBytesForTheSameRecordingsAndTheReportHasTheSection() throws Exception {
        Recording real = idsOnly(LOW_UUID, HIGH_UUID);
        ReplaySimulation.run(twoMembers("consumer-uniform"), real, tmp.resolve("a"), null);
        ReplaySimulation.run(twoMembers("consumer-uniform"), real, tmp.resolve("b"), null);
        byte[] a = Files.readAllBytes(tmp.resolve("a/replay.json"));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b/replay.json")));
        JsonNode json = new ObjectMapper().readTree(a);
        assertEquals("fail", json.get("verdict").asText(), "the real side recorded nothing, so the assignments differ");
        assertEquals(List.of("scenario", "strategy", "seed", "kafkaVersion", "verdict", "failedChecks", "tolerances", "memberIds", "topicIds", "groups"),
                fieldNames(json));
        JsonNode step0 = json.get("groups").get(0).get("steps").get(0);
        assertEquals(List.of("step", "action", "atMs", "untilMs", "real", "simulated", "checks", "pass"), fieldNames(step0));
        assertFalse(step0.get("checks").get("assignment").get("pass").asBoolean());
        assertEquals("c1", step0.get("checks").get("assignment").get("differingMembers").get(0).asText());

        String html = Files.readString(tmp.resolve("a/report.html"));
        assertTrue(html.contains("<h2 id=\"replay\">Replay against a real broker</h2>"), "the report has the replay section");
        assertTrue(html.indexOf("id=\"replay\"") < html.indexOf("<h2>Charts</h2>"), "after the summary, before the charts");
        assertTrue(html.contains("<td class=\"bad\">"), "a failed check is flagged in red");
    }

    @Test
    void aSimulationReplayedAgainstItsOwnRecordingAgreesOnEveryStep() throws Exception {
        ReplaySimulation.Outcome first = ReplaySimulation.run(pauseAndCrash(), new Recording(List.of(), Map.of(), List.of()), tmp.resolve("a"), null);
        ReplaySimulation.Outcome again = ReplaySimulation.run(pauseAndCrash(), first.simulated(), tmp.resolve("b"), null);
        assertTrue(again.comparison().passed(), () -> String.join("\n", ReplayTable.lines(again.comparison())));
        assertEquals(first.simulated().memberIds(), again.simulated().memberIds(), "the ids the first run got are the second's");
        StepMetrics crash = again.comparison().groups().get(0).steps().get(2).real();
        assertNotEquals(null, crash.timeToLastChangeUs(), "the crash moved partitions, so the comparison compared something");
        assertTrue(crash.partitionsMoved() > 0);
    }

    /**
     * Members started together are started as the real run starts them, name order and
     * {@link StartSpacing} apart, and keep their names; the steps stay the scenario's.
     */
    @Test
    void membersStartedTogetherStartSpacedInNameOrderAsTheRealOnesDo() throws Exception {
        Scenario s = Recordings.parse("""
                name: spaced
                seed: 3
                duration: 20s
                topics:
                  - name: t
                    partitions: 6
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 3
                    config:
                      group.protocol: consumer
                      group.remote.assignor: uniform
                timeline:
                  - {at: 10s, start: {group: g, count: 2}}
                """);
        ReplaySimulation.Outcome o = ReplaySimulation.run(s, new Recording(List.of(), Map.of(), List.of()), tmp, null);
        Map<String, Long> started = new java.util.TreeMap<>();
        o.simulated().events().stream().filter(e -> e.kind() == Kind.STARTED).forEach(e -> started.put(e.member(), e.timeUs()));
        long g = StartSpacing.SPACING_US;
        assertEquals(Map.of("c1", 0L, "c2", g, "c3", 2 * g, "c4", 10_000_000L, "c5", 10_000_000L + g), started);
        assertEquals(2, o.comparison().groups().get(0).steps().size(), "the start and the scenario's one entry");
        assertEquals(List.of(10_000_000L), o.simulated().actions().stream().map(Recording.ActionTime::scheduledUs).toList());
        // the first to reach the coordinator, c1, got every partition in the consumer protocol's first target
        OwnershipEvent first = o.simulated().events().stream().filter(e -> e.kind() == Kind.ASSIGNED).findFirst().orElseThrow();
        assertEquals("c1", first.member());
        assertEquals(6, first.partitions().size());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static StepMetrics simulatedStep(ReplaySimulation.Outcome o, int step) {
        return o.comparison().groups().get(0).steps().get(step).simulated();
    }
}
