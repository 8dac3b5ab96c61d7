package io.kgsim.replay.play;

import io.kgsim.replay.ReplayException;
import io.kgsim.replay.broker.BrokerTarget;
import io.kgsim.replay.broker.EmbeddedKafka;
import io.kgsim.replay.record.OwnershipEvent;
import io.kgsim.replay.record.OwnershipEvent.Kind;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.Scenario;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real runs of short scenarios against one embedded broker: what the recording says is what the
 * real consumers (and the broker) did. Session timeouts and heartbeats are small so each case
 * takes seconds.
 */
@Tag("broker")
class RealRunTest {
    /** Shared by every scenario here: the broker is started with these. */
    private static final String CLUSTER = """
        cluster:
          config:
            group.initial.rebalance.delay.ms: 0
            group.min.session.timeout.ms: 1000
            group.consumer.session.timeout.ms: 3000
            group.consumer.min.session.timeout.ms: 3000
            group.consumer.heartbeat.interval.ms: 1000
            group.consumer.min.heartbeat.interval.ms: 1000
        """;
    private static final String CLASSIC_CONFIG = """
            config:
              partition.assignment.strategy: range
              session.timeout.ms: 3000
              heartbeat.interval.ms: 500
              max.poll.interval.ms: 2000
        """;
    private static EmbeddedKafka kafka;
    private static BrokerTarget target;
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startBroker() {
        Scenario any = scenario("any", 6, 1, "");
        kafka = EmbeddedKafka.start(RealRun.brokerConfigs(any), Duration.ofSeconds(120));
        target = BrokerTarget.embedded(kafka, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBroker() {
        target.close();
    }

    @AfterEach
    void noConsumerLeft() {
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
            "no consumer JVM outlives its run");
        progress.forEach(line -> System.out.println("[progress] " + line));
    }

    private static Scenario scenario(String name, int partitions, int consumers, String timeline) {
        return Scenarios.parse("name: " + name + "\nduration: 9s\n" + CLUSTER + """
            topics:
              - name: %s
                partitions: %d
            groups:
              - group.id: %s
                subscription: [%s]
                consumers: %d
            """.formatted(name, partitions, name, name, consumers) + CLASSIC_CONFIG + timeline);
    }

    @Test
    void aCrashedMembersPartitionsGoToTheSurvivorsAfterTheSession() throws Exception {
        Scenario s = scenario("crash", 6, 3, """
            timeline:
              - at: 3s
                crash: crash/c2
            """);
        GroupWatch broker = GroupWatch.start(kafka.bootstrapServers(), "crash");
        Recording r;
        try {
            r = RealRun.play(s, target, progress::add);
        } finally {
            broker.close();
        }
        Recording.ActionTime crash = r.actions().get(0);
        assertEquals(3_000_000, crash.scheduledUs());
        assertTrue(crash.actualUs() >= 3_000_000 && crash.actualUs() < 3_300_000, "the kill fired at " + crash.actualUs() + " µs");
        OwnershipEvent killed = only(r, e -> e.kind() == Kind.KILLED);
        assertEquals("c2", killed.member());
        assertEquals(crash.actualUs(), killed.timeUs());

        Map<String, Set<String>> beforeKill = owners(r, killed.timeUs() - 1);
        assertEquals(Set.of("crash-0", "crash-1"), beforeKill.get("c1"), "range: two partitions each, in name order");
        assertEquals(Set.of("crash-2", "crash-3"), beforeKill.get("c2"));
        assertEquals(Set.of("crash-4", "crash-5"), beforeKill.get("c3"));
        Map<String, Set<String>> atEnd = owners(r, s.durationUs());
        assertEquals(Set.of("crash-0", "crash-1", "crash-2"), atEnd.get("c1"));
        assertEquals(Set.of("crash-3", "crash-4", "crash-5"), atEnd.get("c3"));
        OwnershipEvent takeover = r.events().stream()
            .filter(e -> e.kind() == Kind.ASSIGNED && e.member().equals("c1") && e.partitions().contains("crash-2") && e.timeUs() > killed.timeUs())
            .findFirst().orElseThrow();
        long afterKillMs = (takeover.timeUs() - killed.timeUs()) / 1000;
        // no LeaveGroup from a SIGKILL: the session (3 s after the last heartbeat, sent at most 0.5 s before the kill) frees them
        assertTrue(afterKillMs >= 2400, "c1 took c2's partitions " + afterKillMs + " ms after the kill");

        // the member ids the recording has are those the broker listed, member by member
        for (String member : List.of("c1", "c2", "c3")) {
            List<String> ids = r.memberIds().get("crash/" + member);
            assertEquals(1, ids.size(), member + " keeps one id through the rebalance: " + ids);
            assertEquals(broker.idsOf(member), new TreeSet<>(ids), member);
        }
        // generations: one or more while the group forms, exactly one more for the crash
        for (String survivor : List.of("c1", "c3")) {
            List<OwnershipEvent> epochs = r.events().stream().filter(e -> e.kind() == Kind.EPOCH && e.member().equals(survivor)).toList();
            assertTrue(isIncreasing(epochs.stream().map(OwnershipEvent::epoch).toList()), epochs.toString());
            int epochAtKill = epochs.stream().filter(e -> e.timeUs() < killed.timeUs()).reduce((a, b) -> b).orElseThrow().epoch();
            assertEquals(epochAtKill + 1, epochs.get(epochs.size() - 1).epoch(), survivor + ": " + epochs);
        }
        report("crash (classic range, 3 members)", r);
    }

    @Test
    void aHandlerStalledPastMaxPollIntervalLosesItsPartitionsAndRejoins() {
        Scenario s = scenario("stall", 4, 2, """
            timeline:
              - at: 2s
                pause: {member: stall/c1, for: 4s, kind: handler}
            """);
        Recording r = RealRun.play(s, target, progress::add);
        long stallUs = r.actions().get(0).actualUs();
        // max.poll.interval.ms (2 s) after its last poll, c1's heartbeat thread leaves the group: c2 takes everything
        OwnershipEvent c2All = r.events().stream()
            .filter(e -> e.kind() == Kind.ASSIGNED && e.member().equals("c2") && e.timeUs() > stallUs && e.partitions().size() == 4)
            .findFirst().orElseThrow(() -> new AssertionError("c2 never got all 4 partitions: " + r.events()));
        long takeoverMs = (c2All.timeUs() - stallUs) / 1000;
        assertTrue(takeoverMs >= 1900 && takeoverMs < 4000, "c2 took over " + takeoverMs + " ms into the stall");
        // when c1 polls again (6 s) it learns it is out: it gives its partitions up, rejoins with a new id, shares again
        OwnershipEvent gaveUp = r.events().stream()
            .filter(e -> e.member().equals("c1") && (e.kind() == Kind.LOST || e.kind() == Kind.REVOKED) && e.timeUs() > stallUs)
            .findFirst().orElseThrow();
        assertTrue(gaveUp.timeUs() >= stallUs + 3_900_000, "c1's callbacks run only when its poll loop turns again: " + gaveUp);
        assertEquals(2, r.memberIds().get("stall/c1").size(), "a dynamic member that left rejoins as a new member");
        assertEquals(1, r.memberIds().get("stall/c2").size());
        assertEquals(2, owners(r, s.durationUs()).get("c1").size());
        report("handler stall past max.poll.interval.ms", r);
    }

    @Test
    void aGcPauseShorterThanTheSessionMovesNothing() {
        Scenario s = scenario("gc", 4, 2, """
            timeline:
              - at: 4s
                pause: {member: gc/c1, for: 1500ms, kind: gc}
            """);
        Recording r = RealRun.play(s, target, progress::add);
        long pausedUs = r.actions().get(0).actualUs();
        assertTrue(pausedUs >= 4_000_000 && pausedUs < 4_300_000, "SIGSTOP at " + pausedUs);
        List<OwnershipEvent> after = r.events().stream()
            .filter(e -> e.timeUs() >= 4_000_000 && e.kind() != Kind.CLOSED).toList();
        assertEquals(List.of(), after, "a member frozen for less than its session keeps its partitions");
        assertEquals(Map.of("c1", Set.of("gc-0", "gc-1"), "c2", Set.of("gc-2", "gc-3")), owners(r, s.durationUs()));
        report("gc pause shorter than the session", r);
    }

    @Test
    void addedPartitionsAreSharedAndARollingRestartReplacesEachMemberAfterItClosed() {
        Scenario s = Scenarios.parse("name: roll\nduration: 9s\n" + CLUSTER + """
            topics:
              - name: roll
                partitions: 2
            groups:
              - group.id: roll
                subscription: [roll]
                consumers: 2
                config:
                  partition.assignment.strategy: range
                  session.timeout.ms: 3000
                  heartbeat.interval.ms: 500
                  metadata.max.age.ms: 500
            timeline:
              - at: 1500ms
                add-partitions: {topic: roll, count: 4}
              - at: 4s
                rolling-restart: {group: roll, interval: 2s, downtime: 0s}
            """);
        Recording r = RealRun.play(s, target, progress::add);
        // the leader sees the new partitions at its next metadata refresh, and a rebalance shares them
        Map<String, Set<String>> beforeRestart = owners(r, 3_999_999);
        assertEquals(Map.of("c1", Set.of("roll-0", "roll-1"), "c2", Set.of("roll-2", "roll-3")), beforeRestart);
        // downtime 0: each replacement starts only once the old process has closed
        for (String m : List.of("c1", "c2")) {
            List<OwnershipEvent> lifecycle = r.events().stream()
                .filter(e -> e.member().equals(m) && (e.kind() == Kind.STARTED || e.kind() == Kind.CLOSED)).toList();
            assertEquals(List.of(Kind.STARTED, Kind.CLOSED, Kind.STARTED), lifecycle.stream().map(OwnershipEvent::kind).toList(),
                m + ": " + lifecycle);
            assertTrue(lifecycle.get(2).timeUs() >= lifecycle.get(1).timeUs(), m + ": " + lifecycle);
            assertEquals(2, r.memberIds().get("roll/" + m).size(), m + ": a new process is a new dynamic member");
        }
        long c2Closed = r.events().stream().filter(e -> e.member().equals("c2") && e.kind() == Kind.CLOSED).findFirst().orElseThrow().timeUs();
        assertTrue(c2Closed >= 6_000_000, "c2 stopped one interval after c1: " + c2Closed);
        assertEquals(4_000_000, r.actions().get(1).scheduledUs());
        assertTrue(r.actions().get(1).actualUs() - 4_000_000 < 300_000, r.actions().toString());
        report("add-partitions and rolling restart", r);
    }

    @Test
    void aMemberThatSubscribesToAnotherTopicGetsItsPartitions() {
        Scenario s = Scenarios.parse("name: sub\nduration: 6s\n" + CLUSTER + """
            topics:
              - name: suba
                partitions: 2
              - name: subb
                partitions: 2
            groups:
              - group.id: sub
                subscription: [suba]
                consumers: 2
            """ + CLASSIC_CONFIG + """
            timeline:
              - at: 2s
                subscribe: {member: sub/c2, topics: [suba, subb]}
            """);
        Recording r = RealRun.play(s, target, progress::add);
        assertEquals(Map.of("c1", Set.of("suba-0"), "c2", Set.of("suba-1")), owners(r, 1_999_999));
        assertEquals(Map.of("c1", Set.of("suba-0"), "c2", Set.of("suba-1", "subb-0", "subb-1")), owners(r, s.durationUs()));
    }

    @Test
    void consumerProtocolJoinAndLeave() {
        Scenario s = Scenarios.parse("name: kip848\nduration: 9s\n" + CLUSTER + """
            topics:
              - name: kip848
                partitions: 6
            groups:
              - group.id: kip848
                subscription: [kip848]
                consumers: 2
                config:
                  group.protocol: consumer
                  group.remote.assignor: uniform
            timeline:
              - at: 2s
                start: {group: kip848, count: 1}
              - at: 5s
                stop: kip848/c1
            """);
        Recording r = RealRun.play(s, target, progress::add);
        assertTrue(r.actions().get(0).actualUs() >= 2_000_000, r.actions().toString());
        OwnershipEvent closed = only(r, e -> e.kind() == Kind.CLOSED && e.member().equals("c1"));
        assertTrue(closed.timeUs() >= 5_000_000, closed.toString());
        Map<String, Set<String>> atEnd = owners(r, s.durationUs());
        assertEquals(Set.of(), atEnd.getOrDefault("c1", Set.of()));
        Set<String> all = new TreeSet<>(atEnd.get("c2"));
        all.addAll(atEnd.get("c3"));
        assertEquals(6, all.size(), "c2 and c3 own every partition after c1 left: " + atEnd);
        assertEquals(3, atEnd.get("c3").size(), "uniform: 3 each");
        for (String m : List.of("c1", "c2", "c3")) {
            assertEquals(1, r.memberIds().get("kip848/" + m).size(), "one member id per process under the consumer protocol");
            List<Integer> epochs = r.events().stream().filter(e -> e.kind() == Kind.EPOCH && e.member().equals(m))
                .map(OwnershipEvent::epoch).toList();
            assertFalse(epochs.isEmpty(), m);
            assertTrue(isIncreasing(epochs), m + ": " + epochs);
        }
        report("consumer protocol (uniform) join and leave", r);
        assertConstructedShortlyBeforeStart();
    }

    /**
     * Every consumer was constructed before its start command, less than auto.commit.interval.ms
     * (5 s) ahead: its first poll then waits, as a consumer constructed at its start does, instead
     * of finding the auto-commit due and spinning.
     */
    private void assertConstructedShortlyBeforeStart() {
        String line = progress.stream().filter(l -> l.startsWith(ChildUsage.CREATED_BEFORE_START)).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": ([0-9.]+)-([0-9.]+) ms \\(3 starts\\)").matcher(line);
        assertTrue(m.find(), line);
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) < 5000, line);
    }

    @Test
    void aConsumerJvmThatDiesEndsTheRunWithAMessageAndStopsTheOthers() throws Exception {
        Scenario s = scenario("dies", 2, 2, "");
        java.util.concurrent.CountDownLatch playing = new java.util.concurrent.CountDownLatch(1);
        Thread killer = new Thread(() -> {
            try {
                // once the timeline runs, kill one consumer JVM behind the run's back
                playing.await();
                Thread.sleep(1000);
                ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).findFirst().ifPresent(ProcessHandle::destroyForcibly);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        ReplayException e = assertThrows(ReplayException.class, () -> RealRun.play(s, target, line -> {
            progress.add(line);
            if (line.contains("playing")) {
                playing.countDown();
            }
        }));
        killer.join();
        System.out.println("[message] " + e.getMessage());
        assertTrue(e.getMessage().matches("the real run stopped \\d+ ms into the scenario, and every consumer with it: "
            + "dies/c[12]: consumer c[12] \\(pid \\d+\\) exited unexpectedly with code \\d+.*"), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    /** Who owns what at {@code timeUs}, by the recording's callbacks: a kill ends everything a member had. */
    private static Map<String, Set<String>> owners(Recording r, long timeUs) {
        Map<String, Set<String>> owned = new TreeMap<>();
        for (OwnershipEvent e : r.events()) {
            if (e.timeUs() > timeUs) {
                break;
            }
            Set<String> mine = owned.computeIfAbsent(e.member(), m -> new TreeSet<>());
            switch (e.kind()) {
                case ASSIGNED -> mine.addAll(e.partitions());
                case REVOKED, LOST -> e.partitions().forEach(mine::remove);
                case KILLED -> mine.clear();
                default -> { }
            }
        }
        owned.values().removeIf(Set::isEmpty);
        return owned;
    }

    private static OwnershipEvent only(Recording r, java.util.function.Predicate<OwnershipEvent> match) {
        List<OwnershipEvent> found = r.events().stream().filter(match).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static boolean isIncreasing(List<Integer> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) <= values.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** The measurements the report quotes: start to first assignment, action lateness. */
    private static void report(String name, Recording r) {
        StringBuilder b = new StringBuilder("[measure] " + name + ":");
        r.events().stream().filter(e -> e.kind() == Kind.STARTED && e.timeUs() < 1_000_000)
            .forEach(e -> b.append(" ").append(e.member()).append(" started at ").append(e.timeUs()).append(" µs;"));
        r.events().stream().filter(e -> e.kind() == Kind.ASSIGNED && !e.partitions().isEmpty()).findFirst()
            .ifPresent(e -> b.append(" first non-empty assignment at ").append(e.timeUs() / 1000).append(" ms;"));
        for (Recording.ActionTime a : r.actions()) {
            b.append(" '").append(a.label()).append("' ").append(a.actualUs() - a.scheduledUs()).append(" µs late;");
        }
        System.out.println(b);
    }

    /** The broker's own view of a group while it runs: every member id it listed, by client id. */
    private static final class GroupWatch implements AutoCloseable {
        private final Admin admin;
        private final String group;
        private final Thread thread;
        private final Map<String, Set<String>> ids = new TreeMap<>();
        private volatile boolean stop;

        private GroupWatch(String bootstrap, String group) {
            this.admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap));
            this.group = group;
            this.thread = new Thread(this::watch, "group-watch");
        }

        static GroupWatch start(String bootstrap, String group) {
            GroupWatch w = new GroupWatch(bootstrap, group);
            w.thread.setDaemon(true);
            w.thread.start();
            return w;
        }

        private void watch() {
            while (!stop) {
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(5, TimeUnit.SECONDS).get(group);
                    synchronized (ids) {
                        for (MemberDescription m : d.members()) {
                            ids.computeIfAbsent(m.clientId(), c -> new HashSet<>()).add(m.consumerId());
                        }
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the group does not exist yet: ask again
                }
            }
        }

        Set<String> idsOf(String clientId) {
            synchronized (ids) {
                return new TreeSet<>(ids.getOrDefault(clientId, Set.of()));
            }
        }

        @Override
        public void close() {
            stop = true;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            admin.close();
        }
    }
}
