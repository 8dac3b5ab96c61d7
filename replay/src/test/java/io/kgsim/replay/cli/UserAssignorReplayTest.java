package io.kgsim.replay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.cli.Main;
import io.kgsim.replay.broker.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kgsim replay --classpath}: a user's assignor, compiled and jarred here, reaches every
 * place a real run needs it (the consumer JVMs for a classic one, the broker for a
 * consumer-protocol one) and the simulated side, which then agree partition for partition. The
 * assignors give every partition to the member with the greatest member id: no built-in
 * assignor does that with two members, so the assignment shows whose code ran.
 */
class UserAssignorReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private static Path jar;
    private static Path scenario;

    private static final String CLASSIC_SOURCE = """
            package com.example;

            import java.util.*;
            import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
            import org.apache.kafka.common.Cluster;
            import org.apache.kafka.common.TopicPartition;

            public class GreatestIdAssignor implements ConsumerPartitionAssignor {
                @Override
                public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
                    Map<String, Subscription> subs = group.groupSubscription();
                    String greatest = new TreeSet<>(subs.keySet()).last();
                    List<TopicPartition> all = new ArrayList<>();
                    for (String topic : new TreeSet<>(subs.get(greatest).topics())) {
                        Integer n = metadata.partitionCountForTopic(topic);
                        for (int p = 0; n != null && p < n; p++) {
                            all.add(new TopicPartition(topic, p));
                        }
                    }
                    Map<String, Assignment> out = new HashMap<>();
                    for (String m : subs.keySet()) {
                        out.put(m, new Assignment(m.equals(greatest) ? all : new ArrayList<>()));
                    }
                    return new GroupAssignment(out);
                }

                @Override
                public String name() {
                    return "greatest-id";
                }
            }
            """;

    private static final String SERVER_SOURCE = """
            package com.example;

            import java.util.*;
            import org.apache.kafka.common.Uuid;
            import org.apache.kafka.coordinator.group.api.assignor.*;
            import org.apache.kafka.coordinator.group.modern.MemberAssignmentImpl;

            public class GreatestIdServerAssignor implements ConsumerGroupPartitionAssignor {
                @Override
                public String name() {
                    return "greatest-id";
                }

                @Override
                public GroupAssignment assign(GroupSpec group, SubscribedTopicDescriber topics) {
                    Map<String, MemberAssignment> out = new HashMap<>();
                    if (group.memberIds().isEmpty()) {
                        return new GroupAssignment(out);
                    }
                    String greatest = new TreeSet<>(group.memberIds()).last();
                    Map<Uuid, Set<Integer>> all = new HashMap<>();
                    for (Uuid topic : group.memberSubscription(greatest).subscribedTopicIds()) {
                        Set<Integer> partitions = new HashSet<>();
                        for (int p = 0; p < topics.numPartitions(topic); p++) {
                            partitions.add(p);
                        }
                        all.put(topic, partitions);
                    }
                    for (String m : group.memberIds()) {
                        out.put(m, new MemberAssignmentImpl(m.equals(greatest) ? all : Map.of()));
                    }
                    return new GroupAssignment(out);
                }
            }
            """;

    private record Outcome(int code, String out, String err) {
    }

    @BeforeAll
    static void buildTheJarAndScenario() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/com/example"));
        Files.writeString(src.resolve("GreatestIdAssignor.java"), CLASSIC_SOURCE);
        Files.writeString(src.resolve("GreatestIdServerAssignor.java"), SERVER_SOURCE);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(),
                src.resolve("GreatestIdAssignor.java").toString(), src.resolve("GreatestIdServerAssignor.java").toString());
        assertEquals(0, rc, "the test assignors compile");
        jar = tmp.resolve("assignors.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        // c1 alone, then c2 joins: two steps, each with an assignment only the user's assignor makes
        scenario = Files.writeString(tmp.resolve("user.yaml"), """
                name: user
                seed: 1
                duration: 12s
                cluster:
                  config:
                    group.consumer.session.timeout.ms: 6000
                    group.consumer.min.session.timeout.ms: 6000
                    group.consumer.heartbeat.interval.ms: 1000
                    group.consumer.min.heartbeat.interval.ms: 1000
                topics:
                  - {name: a, partitions: 4}
                groups:
                  - group.id: g
                    subscription: [a]
                    consumers: 1
                    config:
                      session.timeout.ms: 6000
                timeline:
                  - {at: 5s, start: {group: g, count: 1}}
                """);
    }

    private static Outcome kgsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    @Tag("broker")
    void aClassicAssignorOfTheUsersRunsInTheConsumerJvmsAndAgreesWithTheSimulation() throws IOException {
        Path out = tmp.resolve("classic");
        Outcome o = kgsim("replay", scenario.toString(), "--classpath", jar.toString(), "--strategy", "com.example.GreatestIdAssignor",
                "--out", out.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        everythingToTheGreatestMemberIdOnBothSides(JSON.readTree(out.resolve("replay.json").toFile()), "classic");
    }

    @Test
    @Tag("broker")
    void aConsumerProtocolAssignorOfTheUsersRunsInTheEmbeddedBrokerAndAgreesWithTheSimulation() throws IOException {
        Path out = tmp.resolve("consumer");
        Outcome o = kgsim("replay", scenario.toString(), "--classpath", jar.toString(), "--strategy", "com.example.GreatestIdServerAssignor",
                "--out", out.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        everythingToTheGreatestMemberIdOnBothSides(JSON.readTree(out.resolve("replay.json").toFile()), "consumer");
    }

    /**
     * A cluster of the user's whose brokers do not list the assignor refuses the consumers'
     * {@code group.remote.assignor}: exit 6 saying what to configure, before the timeline starts.
     */
    @Test
    @Tag("broker")
    void aClusterThatDoesNotKnowTheConsumerProtocolAssignorEndsTheReplayWithExitSix() {
        Path out = tmp.resolve("unknown");
        Outcome o;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Map.of(), Duration.ofSeconds(120))) {
            o = kgsim("replay", scenario.toString(), "--classpath", jar.toString(), "--strategy", "com.example.GreatestIdServerAssignor",
                    "--bootstrap-server", kafka.bootstrapServers(), "--out", out.toString());
        }
        assertEquals(6, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("the broker does not know the server-side assignor 'greatest-id' (group.remote.assignor)"), o.err());
        assertTrue(o.err().contains("group.consumer.assignors"), o.err());
        assertTrue(o.err().contains("UnsupportedAssignorException"), "the broker's own words: " + o.err());
        assertTrue(o.err().contains("nothing was written"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aMissingJarOrAnUnknownClassIsBadInputBeforeAnythingStarts() {
        Path out = tmp.resolve("bad");
        Outcome missing = kgsim("replay", scenario.toString(), "--classpath", tmp.resolve("nope.jar").toString(), "--strategy", "range",
                "--out", out.toString());
        badInput(missing, "--classpath: " + tmp.resolve("nope.jar") + " does not exist", out);
        Outcome unknown = kgsim("replay", scenario.toString(), "--classpath", jar.toString(), "--strategy", "com.example.NoSuchAssignor",
                "--out", out.toString());
        badInput(unknown, "'com.example.NoSuchAssignor' is not on the classpath (searched: " + jar + ", kgsim's own classes)", out);
        Outcome withoutClasspath = kgsim("replay", scenario.toString(), "--strategy", "com.example.GreatestIdAssignor", "--out", out.toString());
        badInput(withoutClasspath, "'com.example.GreatestIdAssignor' is not on the classpath", out);
    }

    private static void badInput(Outcome o, String expected, Path out) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("kgsim: ") && o.err().contains(expected), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertEquals("", o.out(), "nothing ran");
        assertFalse(Files.exists(out), "nothing written");
    }

    /**
     * After c1's start c1 owns all four partitions; after c2's join the member with the greater
     * member id does, on the real side; and at every step the simulated assignment is the same.
     */
    private static void everythingToTheGreatestMemberIdOnBothSides(JsonNode replay, String protocol) {
        JsonNode group = replay.get("groups").get(0);
        assertEquals(protocol, group.get("protocol").asText());
        JsonNode steps = group.get("steps");
        assertEquals(2, steps.size(), steps.toString());
        List<String> all = List.of("a-0", "a-1", "a-2", "a-3");
        assertEquals(all, partitions(steps.get(0).get("real").get("assignment").get("c1")), steps.get(0).toString());
        String c1 = last(replay.get("memberIds").get("g/c1"));
        String c2 = last(replay.get("memberIds").get("g/c2"));
        String greatest = c1.compareTo(c2) > 0 ? "c1" : "c2";
        String other = greatest.equals("c1") ? "c2" : "c1";
        JsonNode afterJoin = steps.get(1).get("real").get("assignment");
        assertEquals(all, partitions(afterJoin.get(greatest)), "the member with the greater id owns everything: " + replay.get("memberIds") + " " + afterJoin);
        assertEquals(List.of(), partitions(afterJoin.get(other)), afterJoin.toString());
        for (JsonNode step : steps) {
            assertEquals(step.get("real").get("assignment"), step.get("simulated").get("assignment"), "step " + step.get("step"));
            assertTrue(step.get("checks").get("assignment").get("pass").asBoolean(), step.toString());
        }
    }

    private static List<String> partitions(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(p -> out.add(p.asText()));
        }
        return out;
    }

    private static String last(JsonNode ids) {
        return ids.get(ids.size() - 1).asText();
    }
}
