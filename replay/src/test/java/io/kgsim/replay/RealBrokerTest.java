package io.kgsim.replay;

import io.kgsim.replay.broker.BrokerTarget;
import io.kgsim.replay.broker.EmbeddedKafka;
import io.kgsim.replay.member.ConsumerProcess;
import io.kgsim.replay.member.ConsumerSpec;
import io.kgsim.replay.member.MemberEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Kafka 4.4 broker and real consumers in child JVMs: one group per protocol, two members
 * sharing six partitions; one is killed (SIGKILL) and the other takes everything once the
 * session times out. One broker for the class; everything it started is checked gone at the end.
 */
@Tag("broker")
class RealBrokerTest {
    private static final int SESSION_TIMEOUT_MS = 6000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static EmbeddedKafka kafka;
    private static BrokerTarget target;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(Map.of(
            // the consumer protocol's session timeout is the broker's; its floor is 45 s by default
            "group.consumer.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS),
            "group.consumer.min.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS),
            "group.consumer.heartbeat.interval.ms", "1000",
            "group.consumer.min.heartbeat.interval.ms", "1000",
            "group.initial.rebalance.delay.ms", "0"), TIMEOUT);
        target = BrokerTarget.embedded(kafka, TIMEOUT);
    }

    @AfterAll
    static void nothingLeft() {
        target.close();
        assertFalse(Files.exists(kafka.logDir()), "the broker's log directory is deleted");
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
            "no consumer JVM outlives the test");
    }

    @Test
    void classicRange() throws Exception {
        crashHandsEverythingToTheSurvivor("classic", Map.of(
            "group.protocol", "classic",
            "partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor",
            "session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS),
            "heartbeat.interval.ms", "1000"));
    }

    @Test
    void consumerProtocolRange() throws Exception {
        crashHandsEverythingToTheSurvivor("consumer", Map.of(
            "group.protocol", "consumer",
            "group.remote.assignor", "range"));
    }

    /** SIGTERM (Ctrl-C) to a JVM running a broker: its shutdown hook stops the broker and deletes the log directory. */
    @Test
    void aTerminatedJvmLeavesNoLogDirectory(@TempDir Path tmp) throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), BrokerUntilTerminated.class.getName(), tmp.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertNotNull(line, "the broker JVM printed its log directory");
            Path logDir = Path.of(line);
            assertTrue(Files.isDirectory(logDir.resolve("__consumer_offsets-0")), "a running broker's log directory");
            jvm.destroy();   // SIGTERM
            assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the JVM exits");
            assertFalse(Files.exists(logDir), "the shutdown hook deleted " + logDir);
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** `--bootstrap-server`: names unique to the replay, and closing removes its topics and groups. */
    @Test
    void anExistingClusterKeepsOnlyWhatWasThereBefore() throws Exception {
        String topic;
        String group;
        try (BrokerTarget existing = BrokerTarget.existing(kafka.bootstrapServers(), Duration.ofSeconds(30));
             Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            topic = existing.topicName("orders");
            group = existing.groupId("billing");
            assertTrue(topic.matches("kgsim-replay-[0-9a-f]{8}-orders"), topic);
            assertEquals(topic.replace("orders", "billing"), group);
            existing.createTopics(Map.of("orders", 4));
            assertEquals(4, admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions().size());
            // a group with a committed offset, as a replayed group leaves one
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)))
                .all().get(30, TimeUnit.SECONDS);
            assertTrue(groupIds(admin).contains(group));
        }
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            // deletions are committed by the controller when close returns; the broker's metadata follows shortly
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic) || groupIds(admin).contains(group))
                   && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic), "topic deleted");
            assertFalse(groupIds(admin).contains(group), "group deleted");
        }
    }

    private static Set<String> groupIds(Admin admin) throws Exception {
        return admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
            .map(GroupListing::groupId).collect(java.util.stream.Collectors.toSet());
    }

    private static void crashHandsEverythingToTheSurvivor(String name, Map<String, String> configs) throws Exception {
        target.createTopics(Map.of(name, 6));
        String topic = target.topicName(name);
        String group = target.groupId(name);
        ConsumerProcess c1 = ConsumerProcess.start(spec(name + "-c1", group, topic, configs));
        ConsumerProcess c2 = ConsumerProcess.start(spec(name + "-c2", group, topic, configs));
        try {
            // range over 6 partitions and 2 members: 3 each
            Set<MemberEvent.Partition> owned1 = c1.awaitOwned(owned -> owned.size() == 3, TIMEOUT);
            Set<MemberEvent.Partition> owned2 = c2.awaitOwned(owned -> owned.size() == 3, TIMEOUT);
            assertTrue(java.util.Collections.disjoint(owned1, owned2), owned1 + " / " + owned2);
            String id1 = lastMemberId(c1);
            assertFalse(id1.isEmpty());
            assertNotEquals(id1, lastMemberId(c2));

            long killedAt = System.nanoTime();
            c1.kill();
            assertFalse(c1.isAlive());
            c2.awaitOwned(owned -> owned.size() == 6, TIMEOUT);
            MemberEvent takeover = c2.events().stream()
                .filter(e -> e.type() == MemberEvent.Type.ASSIGNED && e.partitions().containsAll(owned1))
                .reduce((a, b) -> b).orElseThrow();
            long afterKillMs = (takeover.nanos() - killedAt) / 1_000_000;
            // no LeaveGroup from a SIGKILL: only the session timeout (6 s after the last
            // heartbeat, at most one 1 s heartbeat interval before the kill) frees the partitions
            assertTrue(afterKillMs >= SESSION_TIMEOUT_MS - 1500, "took over " + afterKillMs + " ms after the kill");
        } finally {
            c1.kill();
            c2.close();
        }
        List<MemberEvent> events = c2.events();
        assertEquals(MemberEvent.Type.CLOSED, events.get(events.size() - 1).type());
    }

    private static String lastMemberId(ConsumerProcess consumer) {
        List<MemberEvent> events = consumer.events();
        return events.get(events.size() - 1).memberId();
    }

    private static ConsumerSpec spec(String member, String group, String topic, Map<String, String> configs) {
        return new ConsumerSpec(member, target.bootstrapServers(), group, List.of(topic), configs);
    }
}
