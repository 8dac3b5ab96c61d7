package io.kgsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.DurationDistribution;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioLoaderTest {
    static final String BASE = """
            name: s
            duration: 1m
            topics:
              - name: orders
                partitions: 4
            groups:
              - group.id: g
                subscription: [orders]
                consumers: 2
                config:
                  session.timeout.ms: 45000
            """;

    static Scenario load(String yaml) throws ScenarioException {
        return ScenarioLoader.parse("s.yaml", new StringReader(yaml));
    }

    static String error(String yaml) {
        return assertThrows(ScenarioException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void absentKeysTakeKafkasOwnDefaults() throws ScenarioException {
        Scenario s = load(BASE);
        ConsumerSettings c = s.groups().get(0).config();
        assertEquals(3000, c.heartbeatIntervalMs());
        assertEquals(300_000, c.maxPollIntervalMs());
        assertEquals(500, c.maxPollRecords());
        assertTrue(c.enableAutoCommit());
        assertEquals(5000, c.autoCommitIntervalMs());
        assertEquals(GroupProtocol.CLASSIC, c.protocol());
        // Kafka 4.x's default strategy list: [RangeAssignor, CooperativeStickyAssignor].
        assertEquals("range,cooperative-sticky", c.strategyNames());
        assertEquals(3000, s.cluster().config().groupInitialRebalanceDelayMs());
        assertEquals(50, s.cluster().config().offsetsTopicNumPartitions());
        assertEquals(6000, s.cluster().config().groupMinSessionTimeoutMs());
        assertEquals(1_800_000, s.cluster().config().groupMaxSessionTimeoutMs());
        assertEquals(1L, s.seed());
        assertEquals(List.of("session.timeout.ms"), c.explicit());
    }

    @Test
    void theDesignDocumentsFormatLoads() throws ScenarioException {
        Scenario s = load("""
                name: rolling-restart
                description: Roll-restart 4 consumers
                seed: 42
                duration: 10m
                cluster:
                  brokers: 3
                  racks: [az1, az2, az3]
                  config:
                    group.initial.rebalance.delay.ms: 3000
                    offsets.topic.num.partitions: 50
                    group.consumer.heartbeat.interval.ms: 5000
                network:
                  latency: lognormal(1ms, 0.3)
                topics:
                  - name: orders
                    partitions: 12
                    replication.factor: 3
                    produce:
                      rate: 1200/s
                      skew: zipf(1.1)
                      record.bytes: 1024
                groups:
                  - group.id: billing
                    subscription: [orders]
                    consumers: 4
                    static.membership: false
                    racks: [az1, az2]
                    processing:
                      per.record: lognormal(2ms, 0.5)
                    config:
                      group.protocol: classic
                      partition.assignment.strategy: cooperative-sticky
                      session.timeout.ms: 45000
                      heartbeat.interval.ms: 3000
                      max.poll.interval.ms: 300000
                      max.poll.records: 500
                      enable.auto.commit: true
                      auto.commit.interval.ms: 5000
                timeline:
                  - at: 60s
                    rolling-restart: {group: billing, interval: 60s, downtime: 10s}
                  - at: 30s
                    crash: billing/c2
                  - at: 90s
                    start: {group: billing, count: 2}
                  - at: 2m
                    stop: billing/c6
                compare: [range, roundrobin, sticky, cooperative-sticky, consumer-uniform, consumer-range]
                """);
        assertEquals(600_000_000L, s.durationUs());
        assertEquals(new DurationDistribution.LogNormal(1000, 0.3), s.network().latency());
        assertEquals(1200.0, s.topics().get(0).produce().ratePerSecond());
        assertEquals(new Skew.Zipf(1.1), s.topics().get(0).produce().skew());
        assertEquals(new DurationDistribution.LogNormal(2000, 0.5), s.groups().get(0).processingPerRecord());
        assertEquals("az2", s.groups().get(0).rackOf(2));
        assertEquals("az1", s.groups().get(0).rackOf(3));
        // The timeline is sorted by time.
        assertEquals(30_000_000L, s.timeline().get(0).atUs());
        assertEquals(new TimelineAction.Crash(new MemberRef("billing", "c2")), s.timeline().get(0).action());
        assertEquals(6, s.compare().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sesion.timeout.ms: 30000                 | s.yaml:12:7: unknown consumer config 'sesion.timeout.ms'; did you mean 'session.timeout.ms'?
            heartbeat.interval.ms: 45000             | s.yaml:12:30: heartbeat.interval.ms (45000) must be below session.timeout.ms (45000)
            max.poll.records: 0                      | s.yaml:12:25: invalid value for consumer config 'max.poll.records'
            max.poll.records: lots                   | s.yaml:12:25: invalid value for consumer config 'max.poll.records'
            partition.assignment.strategy: rnage     | s.yaml:12:38: 'partition.assignment.strategy': unknown strategy 'rnage'; did you mean 'range'?
            partition.assignment.strategy: com.example.Missing | s.yaml:12:38: 'partition.assignment.strategy': the assignor class 'com.example.Missing' is not on the classpath
            partition.assignment.strategy: java.lang.String    | implements neither ConsumerPartitionAssignor (classic protocol) nor ConsumerGroupPartitionAssignor
            partition.assignment.strategy: consumer-uniform    | belongs to the consumer protocol but group 'g' uses group.protocol=classic
            group.instance.id: x                     | s.yaml:12:7: 'group.instance.id' is not set in 'config': use 'static.membership: true'
            """)
    void badConsumerConfigIsRefusedWithPlaceAndReason(String line, String expected) {
        String msg = error(BASE + "      " + line + "\n");
        assertTrue(msg.contains(expected.strip()), "got: " + msg);
    }

    @Test
    void aTopicIdIsReadAsKafkaPrintsItAndABadOrDuplicateOneIsRefusedWithItsPlace() throws ScenarioException {
        String fixed = BASE.replace("    partitions: 4\n", "    partitions: 4\n    topic.id: _7MUC2oCR3S3prTlnj_nGw\n");
        assertEquals(org.apache.kafka.common.Uuid.fromString("_7MUC2oCR3S3prTlnj_nGw"), load(fixed).topic("orders").topicId());
        assertEquals(null, load(BASE).topic("orders").topicId(), "derived from the seed when absent");
        String bad = error(BASE.replace("    partitions: 4\n", "    partitions: 4\n    topic.id: not-an-id\n"));
        assertTrue(bad.startsWith("s.yaml:6:15: 'topic.id' must be a topic id as Kafka prints it"), bad);
        String reserved = error(BASE.replace("    partitions: 4\n", "    partitions: 4\n    topic.id: AAAAAAAAAAAAAAAAAAAAAA\n"));
        assertTrue(reserved.contains("is one Kafka reserves"), reserved);
        String twice = error(BASE.replace("    partitions: 4\n", "    partitions: 4\n    topic.id: _7MUC2oCR3S3prTlnj_nGw\n"
                + "  - {name: refunds, topic.id: _7MUC2oCR3S3prTlnj_nGw}\n"));
        assertTrue(twice.contains("s.yaml:7:5: the topics 'orders' and 'refunds' have the same 'topic.id'"), twice);
    }

    @Test
    void sessionTimeoutsOutsideTheBrokersRangeAreRefused() {
        String msg = error(BASE.replace("session.timeout.ms: 45000", "session.timeout.ms: 5000\n      heartbeat.interval.ms: 1000"));
        assertTrue(msg.contains("s.yaml:11:27: session.timeout.ms (5000) is outside the broker's range [group.min.session.timeout.ms=6000, group.max.session.timeout.ms=1800000]"), msg);
        String wider = BASE.replace("session.timeout.ms: 45000", "session.timeout.ms: 3000\n      heartbeat.interval.ms: 1000")
                .replace("topics:", "cluster:\n  config:\n    group.min.session.timeout.ms: 2000\ntopics:");
        Scenario accepted = loads(wider);
        assertEquals(3000, accepted.groups().get(0).config().sessionTimeoutMs(), "a broker allowing it accepts it");
        assertEquals(2000, accepted.cluster().config().groupMinSessionTimeoutMs());
    }

    @Test
    void consumerProtocolBrokerConfigsAreReadWithKafkasDefaultsAndRangeChecks() {
        var defaults = loads(BASE).cluster().config().consumerGroup();
        assertEquals(45_000, defaults.sessionTimeoutMs());
        assertEquals(5_000, defaults.heartbeatIntervalMs());
        assertEquals(1_000, defaults.assignmentIntervalMs());
        assertEquals(List.of("uniform", "range"), defaults.assignors());
        String set = BASE.replace("topics:", "cluster:\n  config:\n    group.consumer.assignment.interval.ms: 0\n"
                + "    group.consumer.assignors: [range]\n    group.consumer.max.size: 3\ntopics:");
        var c = loads(set).cluster().config().consumerGroup();
        assertEquals(0, c.assignmentIntervalMs());
        assertEquals(List.of("range"), c.assignors());
        assertEquals(3, c.maxSize());
        String tooShort = BASE.replace("topics:", "cluster:\n  config:\n    group.consumer.session.timeout.ms: 30000\ntopics:");
        assertTrue(error(tooShort).contains("s.yaml:4:3: group.consumer.session.timeout.ms (30000) must lie within "
                + "group.consumer.min.session.timeout.ms (45000) and group.consumer.max.session.timeout.ms (60000)"), error(tooShort));
    }

    @Test
    void theConsumerProtocolTakesItsServerAssignorFromGroupRemoteAssignorElseTheBrokersFirst() throws ScenarioException {
        ConsumerSettings byDefault = load(BASE.replace("session.timeout.ms: 45000", "group.protocol: consumer")).groups().get(0).config();
        assertEquals(GroupProtocol.CONSUMER, byDefault.protocol());
        assertEquals("consumer-uniform", byDefault.strategyNames());
        ConsumerSettings range = load(BASE.replace("session.timeout.ms: 45000", "group.protocol: consumer\n      group.remote.assignor: range"))
                .groups().get(0).config();
        assertEquals("consumer-range", range.strategyNames());
        ConsumerSettings brokerRangeFirst = load(BASE.replace("session.timeout.ms: 45000", "group.protocol: consumer")
                + "cluster:\n  config:\n    group.consumer.assignors: range,uniform\n").groups().get(0).config();
        assertEquals("consumer-range", brokerRangeFirst.strategyNames());
    }

    @Test
    void typosInStructureSuggestTheNearestKey() {
        assertTrue(error(BASE.replace("subscription:", "subscribtion:")).contains("s.yaml:8:5: unknown key 'subscribtion' in a group; did you mean 'subscription'?")
                || error(BASE.replace("subscription:", "subscribtion:")).contains("needs 'subscription'"));
        assertTrue(error(BASE + "timelime: []\n").contains("s.yaml:12:1: unknown key 'timelime' in the scenario; did you mean 'timeline'?"),
                error(BASE + "timelime: []\n"));
        assertTrue(error(BASE.replace("partitions: 4", "partitons: 4")).contains("unknown key 'partitons' in a topic; did you mean 'partitions'?"));
        assertTrue(error("name: s\nduration: 1m\ncluster:\n  config:\n    group.initial.rebalance.dealy.ms: 0\n" + BASE.substring(BASE.indexOf("topics:")))
                .contains("s.yaml:5:5: unknown broker config 'group.initial.rebalance.dealy.ms'; did you mean 'group.initial.rebalance.delay.ms'?"));
    }

    @Test
    void timelineActionsMustNameMembersThatExist() {
        String msg = error(BASE + "timeline:\n  - at: 10s\n    crash: g/c3\n");
        assertTrue(msg.contains("s.yaml:14:5: unknown member 'g/c3' at 10.000s: group 'g' has members c1..c2 by then"), msg);
        // After a start of two more, c3 and c4 exist.
        String ok = BASE + "timeline:\n  - at: 5s\n    start: {group: g, count: 2}\n  - at: 10s\n    crash: g/c4\n";
        List<TimelineEntry> timeline = loads(ok).timeline();
        assertEquals(2, timeline.size(), "both actions load");
        assertEquals(new TimelineAction.Crash(new MemberRef("g", "c4")), timeline.get(1).action());
        assertTrue(error(BASE + "timeline:\n  - at: 10s\n    crash: h/c1\n").contains("unknown group 'h'"));
        assertTrue(error(BASE + "timeline:\n  - at: 10s\n    crash: c1\n").contains("expected a member as group/member"));
        assertTrue(error(BASE + "timeline:\n  - at: 10s\n    crsh: g/c1\n").contains("unknown timeline action 'crsh'; did you mean 'crash'?"));
        assertTrue(error(BASE + "timeline:\n  - at: 2m\n    crash: g/c1\n").contains("not before the end of the run"));
        assertTrue(error(BASE + "timeline:\n  - at: 10\n    crash: g/c1\n").contains("expected a duration such as 500us, 250ms, 30s, 5m or 2h, found '10'"));
    }

    /** The scenario {@code yaml} loads to; a refusal fails the test with the loader's message. */
    private static Scenario loads(String yaml) {
        try {
            return load(yaml);
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    @Test
    void valuesAndSyntax() {
        assertTrue(error(BASE.replace("duration: 1m", "duration: soon")).contains("s.yaml:2:11: 'duration' expected a duration"));
        assertTrue(error(BASE + "network:\n  latency: gamma(1ms)\n").contains("found the unknown distribution 'gamma'"));
        assertTrue(error(BASE + "network:\n  latency: lognormal(1ms)\n").contains("lognormal(...) takes 2 arguments"));
        assertTrue(error(BASE.replace("subscription: [orders]", "subscription: [ordres]")).contains("unknown topic 'ordres'; did you mean 'orders'?"));
        assertTrue(error(BASE.replace("partitions: 4", "partitions: 4\n    replication.factor: 5")).contains("'replication.factor' 5 exceeds the 3 broker(s)"));
        assertTrue(error("name: s\n  bad: [\n").startsWith("s.yaml:2:"), error("name: s\n  bad: [\n"));
        assertTrue(error("").contains("the file is empty"));
        assertTrue(error(BASE + "name: again\n").contains("the key 'name' is written twice"));
        assertTrue(error(BASE + "timeline:\n  - at: 10s\n    add-partitions: {topic: orders, count: 3}\n").contains("Kafka only adds partitions"));
        assertTrue(error(BASE + "timeline:\n  - at: 10s\n    broker-crash: {broker: 3, for: 1m}\n").contains("'broker' must be between 0 and 2"));
        assertTrue(error(BASE + "timeline:\n  - at: 10s\n    subscribe: {member: g/c1, topics: [ordrs]}\n").contains("unknown topic 'ordrs'; did you mean 'orders'?"));
        // The consumer protocol's client rules (ConsumerConfig.checkUnsupportedConfigsPostProcess), at the value.
        assertTrue(error(BASE.replace("session.timeout.ms: 45000", "group.protocol: consumer\n      session.timeout.ms: 45000"))
                .startsWith("s.yaml:12:27: session.timeout.ms cannot be set when group.protocol=consumer"));
        assertTrue(error(BASE.replace("session.timeout.ms: 45000", "group.protocol: consumer\n      heartbeat.interval.ms: 3000"))
                .contains("heartbeat.interval.ms cannot be set when group.protocol=consumer"));
        assertTrue(error(BASE.replace("session.timeout.ms: 45000", "group.protocol: consumer\n      partition.assignment.strategy: range"))
                .contains("partition.assignment.strategy cannot be set when group.protocol=consumer"));
        assertTrue(error(BASE.replace("session.timeout.ms: 45000", "group.protocol: consumer\n      group.remote.assignor: unifrom"))
                .contains("group.remote.assignor 'unifrom' is not one of the broker's group.consumer.assignors [uniform, range]; did you mean 'uniform'?"));
        assertTrue(error(BASE.replace("session.timeout.ms: 45000", "group.remote.assignor: range"))
                .contains("group.remote.assignor cannot be set when group.protocol=classic"));
    }

    @Test
    void autoCommitOffWithoutACommitPatternIsAnErrorAtTheKeyNamingTheChoices() {
        // Line 12, column 7: the enable.auto.commit key, the setting that needs the choice.
        String msg = error(BASE + "      enable.auto.commit: false\n");
        assertTrue(msg.startsWith("s.yaml:12:7: group 'g' sets enable.auto.commit: false but says nothing about how its application commits"), msg);
        assertTrue(msg.contains("'commit: sync-per-batch | async-per-batch | none'"), msg);
    }

    @Test
    void neverCommittingIsAnExplicitChoice() throws ScenarioException {
        Scenario s = load(BASE + "      enable.auto.commit: false\n    commit: none\n");
        assertEquals(io.kgsim.scenario.CommitMode.NONE, s.groups().get(0).commitMode());
        assertEquals(io.kgsim.scenario.CommitMode.SYNC_PER_BATCH,
                load(BASE + "      enable.auto.commit: false\n    commit: sync-per-batch\n").groups().get(0).commitMode());
        assertTrue(error(BASE + "    commit: none\n").contains("set enable.auto.commit: false"), "commit with auto-commit on is still refused");
    }

    @Test
    void kafkaConfigsKgsimDoesNotModelAreAcceptedWithAWarningAndLeftOutOfWhatMattered() throws ScenarioException {
        Scenario s = load(BASE.replace("topics:", "cluster:\n  config:\n    group.consumer.regex.refresh.interval.ms: 600000\n    group.max.size: 5\ntopics:")
                + "      bootstrap.servers: kafka:9092\n      fetch.max.wait.ms: 100\n      max.poll.records: 100\n");
        assertEquals(List.of(
                "s.yaml:5:5: broker config 'group.consumer.regex.refresh.interval.ms' is accepted, not modelled: kgsim does not simulate what it changes, so this run ignores it",
                "s.yaml:16:7: consumer config 'bootstrap.servers' is accepted, not modelled: kgsim does not simulate what it changes, so this run ignores it",
                "s.yaml:17:7: consumer config 'fetch.max.wait.ms' is accepted, not modelled: kgsim does not simulate what it changes, so this run ignores it"),
                s.warnings());
        ConsumerSettings c = s.groups().get(0).config();
        assertEquals(List.of("bootstrap.servers", "fetch.max.wait.ms", "max.poll.records", "session.timeout.ms"), c.explicit());
        assertEquals(List.of("max.poll.records", "session.timeout.ms"), c.modelledExplicit());
        assertEquals(List.of(), load(BASE).warnings(), "modelled keys warn about nothing");
    }

    @Test
    void aTabIndentingALineIsReportedAtThatLineAndColumn() {
        // Jackson's own location is the previous token's (line 4, column 17 here).
        String msg = error("name: s\nduration: 1m\ntopics:\n  - name: orders\n\tpartitions: 4\n");
        assertEquals("s.yaml:5:1: not valid YAML: a tab is not allowed for indentation; indent with spaces", msg);
        String nested = error(BASE.replace("    consumers: 2", "  \tconsumers: 2"));
        assertTrue(nested.startsWith("s.yaml:9:3: not valid YAML: a tab is not allowed for indentation"), nested);
    }
}
