package io.kgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupMember;
import io.kgsim.protocol.classic.ClassicMember;
import io.kgsim.report.RunArtifacts;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.testing.Outputs;
import io.kgsim.testing.Ownership;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Swarm testing in the VOPR's spirit: each seed draws a small scenario (strategy, static or
 * dynamic members, session timeout, latency, and a timeline of starts, stops, crashes,
 * restarts and rolling restarts), runs it with every invariant checked on every event, then,
 * after a quiet period long enough for any session to expire and any rebalance to finish,
 * requires the group to have settled with every partition owned exactly once (liveness).
 * A third of the groups run the consumer protocol (KIP-848) with the broker's uniform or range
 * assignor instead of a classic strategy; there, a partition left unowned at the end is a
 * failure (the server-side assignors strand none).
 * A third of the seeds add a second group (its own strategy and faults) on the same topic; a
 * sample of the seeds also writes every output file and reads each back.
 * A failure names the seed; the generated scenario is printed to replay it. CI runs seeds
 * 1..500 (a few seconds); a longer search runs apart with
 * {@code mvn -pl simulator test -Dtest=RandomScenarioTest -Dkgsim.seeds=1..5000} (under a minute).
 */
class RandomScenarioTest {
    private static final String[] STRATEGIES = {"range", "roundrobin", "sticky", "cooperative-sticky", "range,cooperative-sticky"};

    /**
     * Seeds a longer search once found failing, run in CI after 1..500:
     * 2432, a static member rejoined a Stable group with a new subscription (no rebalance, as in
     * Kafka, KAFKA-12759) so topic u stays unassigned; 4167 (cooperative-sticky) and 4757
     * (sticky), a leader whose metadata predated partitions it had itself been assigned gave the
     * assignor owned partitions beyond the topic's partition count; 9471 and 10834, a stop or a
     * crash while a start waited for the previous close left the member restarting under a
     * stopped application, never polled; 15426 and 20062 (cooperative-sticky), real Kafka: a leader
     * with fresh metadata handed out added partitions and left, and the next leader's metadata,
     * not yet refreshed, lacked partitions other members owned, so AbstractStickyAssignor threw
     * "No more unfilled consumers to be assigned."; poll() rethrows it and the member fails.
     * Found by the commit invariants: 2289, an auto-commit overtaken by onJoinPrepare's commit
     * arrived after the eager revocation (messages now arrive in order); 1940, a close during
     * onJoinPrepare's commit revoked before close's own commit arrived; 7807, a commit still on
     * the wire when its process crashed, accepted after: its owner's (judged at send time).
     * Consumer protocol: 31682, real Kafka (a stale reconciliation): c2, cut off while reconciling
     * t-5, sent after the heartbeat error a heartbeat listing only its reconciled partitions, the
     * coordinator took it as the revocation of t-5 and gave t-5 to c5, then c2's reconciliation
     * assigned t-5 too; both owned it for 72 ms, counted in staleReconciliations.
     */
    static final long[] REGRESSION_SEEDS = {2432, 4167, 4757, 9471, 10834, 15426, 20062, 1940, 2289, 7807, 31682};

    /** The regression seeds drawn before the consumer protocol was simulated: they keep their classic scenarios. */
    private static final long[] CLASSIC_REGRESSION_SEEDS = {2432, 4167, 4757, 9471, 10834, 15426, 20062, 1940, 2289, 7807};

    /** CI runs a fixed list; a longer search runs apart: {@code -Dkgsim.seeds=1..5000}. */
    static LongStream seeds() {
        String property = System.getProperty("kgsim.seeds");
        if (property == null) {
            return ciSeeds();
        }
        String[] range = property.split("\\.\\.");
        return LongStream.rangeClosed(Long.parseLong(range[0]), Long.parseLong(range[1]));
    }

    private static LongStream ciSeeds() {
        return LongStream.concat(LongStream.rangeClosed(1, 500), LongStream.of(REGRESSION_SEEDS));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void invariantsHoldAndTheGroupSettles(long seed) {
        String yaml = generate(seed);
        Scenario s;
        try {
            s = ScenarioLoader.parse("random-" + seed + ".yaml", new StringReader(yaml));
        } catch (ScenarioException e) {
            throw new AssertionError("seed " + seed + " generated a bad scenario: " + e.getMessage() + "\n" + yaml, e);
        }
        List<GroupEvent> events = new ArrayList<>();
        ScenarioRun run = new ScenarioRun(s, RunOptions.strict().withListener(events::add));
        try {
            RunResult r = run.run();
            assertEquals(0, r.invariantViolations());
            for (GroupEvent e : events) {
                if (e.type() == io.kgsim.protocol.GroupEventType.MEMBER_FAILED && e.reason() != null
                        && e.reason().startsWith("assignor threw")) {
                    // Real Kafka's assignors throw on what a stale leader hands them; an assignor
                    // failure with metadata as fresh as the cluster means kgsim gave it bad input.
                    assertTrue(e.reason().contains(ClassicMember.STALE_LEADER_METADATA),
                            "assignor failure with up-to-date leader metadata at t=" + e.timeUs() + "us: " + e.reason());
                }
            }
            assertEquals(0, r.recordsLost(), "earliest reset never loses records");
            for (GroupResult g : r.groups()) {
                // After the quiet period every rebalance has ended: in Stable, or in Empty when the
                // last member left (Kafka's completeClassicGroupJoin). Seeds 46 and 286 (in 1..500)
                // once left it open: group h of 46 counted as rebalancing for the 250 s it stood
                // empty, and g of 286 reported one 103 s rebalance spanning its empty stretch.
                assertEquals(0, g.openRebalances(), g.group() + " still rebalancing at the end");
            }
            for (GroupRuntime g : run.groups().values()) {
                checkSettled(g, r, events.stream().filter(e -> g.groupId().equals(e.group())).toList());
            }
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("seed " + seed + " failed: " + e.getMessage() + "\nscenario:\n" + yaml, e);
        }
    }

    /** Liveness: once quiet, a group with members has settled and each partition has one owner. */
    private static void checkSettled(GroupRuntime g, RunResult r, List<GroupEvent> events) {
        List<GroupMember> alive = g.aliveMembers();
        if (alive.isEmpty()) {
            return;
        }
        assertTrue(g.isSettled(), g.groupId() + " not settled at the end: " + describe(alive));
        Map<String, TreeSet<String>> owners = Ownership.at(events, Long.MAX_VALUE);
        TreeSet<String> handed = handedIn(events, g.epoch().value());
        for (var tp : g.assignablePartitions()) {
            TreeSet<String> o = owners.get(tp.toString());
            // The server-side assignors leave no subscribed partition to nobody: under the consumer
            // protocol an unowned partition at the end is a liveness failure, never "stranded".
            boolean consumerProtocol = g.spec().config().protocol() == io.kgsim.scenario.GroupProtocol.CONSUMER;
            if ((o == null || o.isEmpty()) && !handed.contains(tp.toString()) && !consumerProtocol) {
                // Stranded, as InvariantChecker counts it: the final generation's
                // assignment itself gave it to nobody, which real groups reach too (a
                // static member rejoining a Stable group with a new subscription causes
                // no rebalance, KAFKA-12759). Not a liveness failure of the simulator.
                assertTrue(r.strandedPartitions() > 0, tp + " unowned but not counted as stranded");
                continue;
            }
            assertEquals(1, o == null ? 0 : o.size(), g.groupId() + ": " + tp + " owners at the end: " + o);
        }
    }

    /**
     * Every output of a run, written as a user gets it: charts, report, CSVs, trace and summary.
     * A sample of the seeds (every 100th: 5 in CI, 2 of them with two groups; drawing and
     * encoding the six charts takes ten times as long as the run itself, so a larger sample
     * would double this test's time) so that an output that fails to render, as the moves chart
     * did for two groups, cannot hide behind the simulation.
     */
    // A range without a multiple of 100 (replaying one seed: -Dkgsim.seeds=46..46) writes none.
    @ParameterizedTest(name = "seed {0}", allowZeroInvocations = true)
    @MethodSource("outputSeeds")
    void everyOutputIsWrittenAndReadable(long seed, @TempDir Path tmp) throws Exception {
        String yaml = generate(seed);
        Scenario s = ScenarioLoader.parse("random-" + seed + ".yaml", new StringReader(yaml));
        Path out = tmp.resolve("out");
        try {
            RunArtifacts.runAndWrite(s, out, null);
            Outputs.check(out, s);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("seed " + seed + " outputs: " + e + "\nscenario:\n" + yaml, e);
        }
    }

    static LongStream outputSeeds() {
        return seeds().filter(seed -> seed % 100 == 0);
    }

    /** CI's sample of seeds whose outputs are written must include several groups. */
    @Test
    void theOutputSampleDrawsSeveralGroups() {
        long twoGroups = ciSeeds().filter(seed -> seed % 100 == 0).filter(seed -> generate(seed).contains("group.id: h")).count();
        assertTrue(twoGroups >= 2, twoGroups + " of the sampled seeds have two groups");
    }

    /** Partitions ("topic-n") handed to some member in {@code generation}'s SyncGroup answers. */
    private static TreeSet<String> handedIn(List<GroupEvent> events, int generation) {
        TreeSet<String> out = new TreeSet<>();
        for (GroupEvent e : events) {
            if (e.type() == io.kgsim.protocol.GroupEventType.SYNCED && e.epoch().value() == generation) {
                e.partitions().forEach(tp -> out.add(tp.toString()));
            }
        }
        return out;
    }

    private static String describe(List<GroupMember> members) {
        StringBuilder b = new StringBuilder();
        for (GroupMember m : members) {
            b.append(m.name()).append('=').append(m.protocolState()).append('/').append(m.epoch().describe()).append(' ');
        }
        return b.toString();
    }

    /** The consumer protocol's broker session timeout (Kafka's default, which the random scenarios keep). */
    private static final int CONSUMER_SESSION_MS = 45_000;

    /**
     * Whether group {@code group} (0: g, 1: h) of a seed uses the consumer protocol (KIP-848):
     * a third of them, from a stream of their own, so that every other seed draws the classic
     * scenario it drew before the consumer protocol was simulated.
     */
    static boolean isConsumerProtocol(long seed, int group) {
        if (java.util.Arrays.stream(CLASSIC_REGRESSION_SEEDS).anyMatch(s -> s == seed)) {
            return false;   // each names a classic scenario that once failed
        }
        return new Random(seed * 7919 + group * 104_729 + 17).nextInt(3) == 0;
    }

    /**
     * The protocol's lines of a group's config, each indented by {@code indent}: the classic
     * strategy, session and heartbeat, or the consumer protocol with a server assignor (the
     * broker then imposes its session timeout and heartbeat interval).
     */
    private static String protocolConfig(boolean consumerProtocol, String classicStrategy, int session, int heartbeat, String indent) {
        if (consumerProtocol) {
            String assignor = classicStrategy.contains("range") && !classicStrategy.contains(",") ? "range" : "uniform";
            return indent + "group.protocol: consumer\n" + indent + "group.remote.assignor: " + assignor + "\n";
        }
        return indent + "partition.assignment.strategy: " + classicStrategy + "\n" + indent + "session.timeout.ms: " + session + "\n"
                + indent + "heartbeat.interval.ms: " + heartbeat + "\n";
    }

    static String generate(long seed) {
        Random rnd = new Random(seed);
        // Drawn from a stream of its own, so that every classic seed stays the scenario it was.
        boolean consumerProtocol = isConsumerProtocol(seed, 0);
        int consumers = 1 + rnd.nextInt(5);
        int partitions = 1 + rnd.nextInt(12);
        int brokers = 1 + rnd.nextInt(3);
        int partitionsNow = partitions;
        String strategy = STRATEGIES[rnd.nextInt(STRATEGIES.length)];
        boolean isStatic = rnd.nextInt(3) == 0;
        int session = 6000 + rnd.nextInt(20_000);
        int heartbeat = 500 + rnd.nextInt(session / 3 - 500);
        boolean autoCommit = rnd.nextBoolean();
        StringBuilder timeline = new StringBuilder();
        int known = consumers;
        int actions = rnd.nextInt(9);
        long t = 0;
        for (int i = 0; i < actions; i++) {
            t += 200 + rnd.nextInt(30_000);
            int kind = rnd.nextInt(11);
            String member = "g/c" + (1 + rnd.nextInt(Math.max(known, 1)));
            timeline.append("  - at: ").append(t).append("ms\n");
            switch (kind) {
                case 0 -> {
                    int n = 1 + rnd.nextInt(2);
                    timeline.append("    start: {group: g, count: ").append(n).append("}\n");
                    known += n;
                }
                case 1 -> timeline.append(known == 0 ? "    start: {group: g, count: 1}\n" : "    stop: " + member + "\n");
                case 2 -> timeline.append(known == 0 ? "    start: {group: g, count: 1}\n" : "    crash: " + member + "\n");
                case 3 -> timeline.append(known == 0 ? "    start: {group: g, count: 1}\n" : "    start: " + member + "\n");
                case 4 -> timeline.append("    rolling-restart: {group: g, interval: ").append(1 + rnd.nextInt(20))
                        .append("s, downtime: ").append(rnd.nextInt(15)).append("s}\n");
                case 5 -> timeline.append(known == 0 ? "    start: {group: g, count: 1}\n" : "    pause: {member: " + member + ", for: "
                        + (1 + rnd.nextInt(90)) + "s, kind: " + (rnd.nextBoolean() ? "gc" : "handler") + "}\n");
                case 6 -> timeline.append(known == 0 ? "    start: {group: g, count: 1}\n" : "    cut-network: {member: " + member + ", for: "
                        + (1 + rnd.nextInt(60)) + "s}\n");
                case 7 -> timeline.append("    broker-crash: {broker: ").append(rnd.nextInt(brokers)).append(", for: ")
                        .append(1 + rnd.nextInt(40)).append("s}\n");
                case 8 -> {
                    partitionsNow += 1 + rnd.nextInt(4);
                    timeline.append("    add-partitions: {topic: t, count: ").append(partitionsNow).append("}\n");
                }
                case 9 -> timeline.append(known == 0 ? "    start: {group: g, count: 1}\n" : "    subscribe: {member: " + member
                        + ", topics: " + (rnd.nextBoolean() ? "[t, u]" : "[t]") + "}\n");
                default -> timeline.append("    set-rate: {topic: t, rate: ").append(rnd.nextInt(3000)).append("/s}\n");
            }
            if (known == 0 && kind != 0) {
                known = 1;
            }
        }
        // A second group, from its own stream so that every seed's first group stays as it was
        // (the regression seeds above name scenarios drawn before groups were two).
        Random other = new Random(~seed);
        String second = "";
        if (other.nextInt(3) == 0) {
            SecondGroup h = SecondGroup.draw(other, t, brokers, isConsumerProtocol(seed, 1));
            second = h.spec();
            timeline.append(h.timeline());
            t = Math.max(t, h.lastActionMs());
            session = Math.max(session, h.sessionMs());
        }
        // Quiet period: every session can expire and every rebalance (timeout 60 s) can finish.
        long duration = t + 150_000 + 5L * (consumerProtocol || second.contains("group.protocol: consumer") ? CONSUMER_SESSION_MS : session);
        return """
                name: random-%d
                seed: %d
                duration: %dms
                cluster:
                  brokers: %d
                  config:
                    group.initial.rebalance.delay.ms: %d
                    offsets.topic.num.partitions: 5
                network:
                  latency: %s
                topics:
                  - name: t
                    partitions: %d
                    replication.factor: %d
                    produce:
                      rate: %d/s
                      skew: zipf(1.0)
                  - name: u
                    partitions: 3
                    produce:
                      rate: 50/s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: %d
                    static.membership: %b
                    processing:
                      per.record: lognormal(%dus, 0.5)
                    config:
                      auto.offset.reset: earliest
                      metadata.max.age.ms: 30000
                %s      max.poll.interval.ms: 60000
                      enable.auto.commit: %b
                    commit: %s
                %stimeline:
                %s""".formatted(seed, seed, duration, brokers, rnd.nextInt(4) * 1000,
                rnd.nextBoolean() ? "lognormal(1ms, 0.5)" : "uniform(100us, 20ms)", partitions, Math.min(brokers, 1 + rnd.nextInt(2)),
                rnd.nextInt(2000), consumers, isStatic, 100 + rnd.nextInt(1500),
                protocolConfig(consumerProtocol, "[" + strategy + "]", session, heartbeat, "      "), autoCommit, autoCommit ? "~" : "none", second,
                timeline.length() == 0 ? "  []\n" : timeline);
    }

    /**
     * Group h: another application reading topic t (and sometimes u) with its own strategy,
     * membership and faults, while group g does what its own draws say.
     */
    private record SecondGroup(String spec, String timeline, long lastActionMs, int sessionMs) {
        static SecondGroup draw(Random rnd, long horizonMs, int brokers, boolean consumerProtocol) {
            int consumers = 1 + rnd.nextInt(4);
            String strategy = STRATEGIES[rnd.nextInt(STRATEGIES.length)];
            int session = 6000 + rnd.nextInt(20_000);
            String spec = """
                      - group.id: h
                        subscription: %s
                        consumers: %d
                        static.membership: %b
                        processing:
                          per.record: lognormal(%dus, 0.5)
                        config:
                          auto.offset.reset: earliest
                          metadata.max.age.ms: 30000
                    %s      max.poll.interval.ms: 60000
                          enable.auto.commit: %b
                        commit: %s
                    """;
            String topics = rnd.nextBoolean() ? "[t]" : "[t, u]";
            boolean isStatic = rnd.nextInt(3) == 0;
            int perRecordUs = 100 + rnd.nextInt(1500);
            int heartbeat = 500 + rnd.nextInt(session / 3 - 500);
            boolean autoCommit = rnd.nextBoolean();
            spec = spec.formatted(topics, consumers, isStatic, perRecordUs, protocolConfig(consumerProtocol, "[" + strategy + "]", session,
                    heartbeat, "      "), autoCommit, autoCommit ? "~" : "none");
            StringBuilder timeline = new StringBuilder();
            int known = consumers;
            long t = 0;
            int actions = rnd.nextInt(5);
            for (int i = 0; i < actions; i++) {
                t += 200 + rnd.nextInt((int) Math.max(1000, horizonMs / Math.max(1, actions)) + 10_000);
                String member = "h/c" + (1 + rnd.nextInt(known));
                timeline.append("  - at: ").append(t).append("ms\n");
                switch (rnd.nextInt(6)) {
                    case 0 -> {
                        timeline.append("    start: {group: h, count: 1}\n");
                        known++;
                    }
                    case 1 -> timeline.append("    stop: ").append(member).append('\n');
                    case 2 -> timeline.append("    crash: ").append(member).append('\n');
                    case 3 -> timeline.append("    start: ").append(member).append('\n');
                    case 4 -> timeline.append("    rolling-restart: {group: h, interval: ").append(1 + rnd.nextInt(20))
                            .append("s, downtime: ").append(rnd.nextInt(15)).append("s}\n");
                    default -> timeline.append("    pause: {member: ").append(member).append(", for: ").append(1 + rnd.nextInt(60)).append("s}\n");
                }
            }
            return new SecondGroup(spec, timeline.toString(), t, session);
        }
    }
}
