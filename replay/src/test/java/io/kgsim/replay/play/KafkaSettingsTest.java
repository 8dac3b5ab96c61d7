package io.kgsim.replay.play;

import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategies;
import io.kgsim.sim.ScenarioVariants;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.GroupSpec;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The scenario's group and cluster settings as a real consumer and broker take them. */
class KafkaSettingsTest {
    private static final String CLASSIC = """
        name: t
        duration: 10s
        cluster:
          config:
            group.initial.rebalance.delay.ms: 0
            group.min.session.timeout.ms: 2000
            group.consumer.session.timeout.ms: 6000
            group.consumer.min.session.timeout.ms: 6000
        topics:
          - name: orders
            partitions: 6
        groups:
          - group.id: billing
            subscription: [orders]
            consumers: 3
            static.membership: true
            racks: [az1, az2]
            config:
              partition.assignment.strategy: [cooperative-sticky, range]
              session.timeout.ms: 3000
              heartbeat.interval.ms: 500
              max.poll.interval.ms: 4000
              max.poll.records: 50
              auto.offset.reset: earliest
              fetch.max.wait.ms: 200
        """;

    @Test
    void aClassicGroupsConsumerConfigs() {
        Map<String, String> c = KafkaSettings.consumerConfigs(Scenarios.parse(CLASSIC).group("billing"), 3);
        assertEquals("classic", c.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG));
        assertEquals("org.apache.kafka.clients.consumer.CooperativeStickyAssignor,org.apache.kafka.clients.consumer.RangeAssignor",
            c.get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG));
        assertEquals("3000", c.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        assertEquals("500", c.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
        assertEquals("4000", c.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG));
        assertEquals("50", c.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals("c3", c.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "static membership: the member's name");
        assertEquals("az1", c.get(ConsumerConfig.CLIENT_RACK_CONFIG), "racks go round-robin: c3 is in the first");
        assertEquals("true", c.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        // explicit configs the simulation does not read still reach the real consumer
        assertEquals("earliest", c.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
        assertEquals("200", c.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
        assertFalse(c.containsKey(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG));
        assertFalse(c.containsKey(ConsumerConfig.CLIENT_ID_CONFIG), "client.id is the member name, set with the spec");
    }

    @Test
    void aStrategyFromTheCommandLineTurnsTheGroupIntoAConsumerProtocolGroup() throws ScenarioException {
        Scenario s = ScenarioVariants.apply(Scenarios.parse(CLASSIC), null, Strategies.resolve("consumer-range"));
        Map<String, String> c = KafkaSettings.consumerConfigs(s.group("billing"), 1);
        assertEquals("consumer", c.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG));
        assertEquals("range", c.get(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG), "the server assignor's name(), not its class");
        // the consumer protocol's client refuses these: the broker decides them
        assertFalse(c.containsKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG));
        assertFalse(c.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        assertFalse(c.containsKey(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
        assertEquals("c1", c.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }

    @Test
    void autoCommitOffFollowsTheGroupsCommitMode() {
        String yaml = CLASSIC.replace("      fetch.max.wait.ms: 200\n", "      fetch.max.wait.ms: 200\n      enable.auto.commit: false\n")
            .replace("    static.membership: true\n", "    static.membership: true\n    commit: sync-per-batch\n");
        Map<String, String> c = KafkaSettings.consumerConfigs(Scenarios.parse(yaml).group("billing"), 1);
        assertEquals("false", c.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
    }

    @Test
    void theBrokerGetsTheClusterConfigUnderKafkasNames() {
        Map<String, String> b = KafkaSettings.brokerConfigs(Scenarios.parse(CLASSIC));
        assertEquals("0", b.get("group.initial.rebalance.delay.ms"));
        assertEquals("2000", b.get("group.min.session.timeout.ms"));
        assertEquals("6000", b.get("group.consumer.session.timeout.ms"));
        assertEquals("6000", b.get("group.consumer.min.session.timeout.ms"));
        // Kafka's defaults for what the scenario leaves alone
        assertEquals("5000", b.get("group.consumer.heartbeat.interval.ms"));
        assertEquals("uniform,range", b.get("group.consumer.assignors"));
        assertFalse(b.containsKey("replica.selector.class"));
    }

    /** A server-side assignor of the user's: {@code name()} "greatest-id". */
    public static final class UserServerAssignor implements ConsumerGroupPartitionAssignor {
        @Override
        public String name() {
            return "greatest-id";
        }

        @Override
        public GroupAssignment assign(GroupSpec group, SubscribedTopicDescriber topics) {
            return new GroupAssignment(Map.of());
        }
    }

    @Test
    void aConsumerProtocolAssignorOfTheUsersIsAddedToTheBrokersAssignorsAndNamedByTheConsumers() throws ScenarioException {
        Scenario builtIn = ScenarioVariants.apply(Scenarios.parse(CLASSIC), null, Strategies.resolve("consumer-range"));
        assertEquals("uniform,range", KafkaSettings.brokerConfigs(builtIn).get("group.consumer.assignors"), "a built-in one is listed already");
        Scenario user = ScenarioVariants.apply(Scenarios.parse(CLASSIC), null, Strategies.resolve(UserServerAssignor.class.getName()));
        assertEquals("uniform,range," + UserServerAssignor.class.getName(), KafkaSettings.brokerConfigs(user).get("group.consumer.assignors"),
            "after the broker's own, whose first stays the default");
        assertEquals("greatest-id", KafkaSettings.consumerConfigs(user.group("billing"), 1).get(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG));
    }
}
