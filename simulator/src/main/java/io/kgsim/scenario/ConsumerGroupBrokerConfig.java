package io.kgsim.scenario;

import java.util.List;
import java.util.Map;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;

/**
 * The broker configs of the consumer group protocol (KIP-848), under Kafka's names and with
 * Kafka's defaults ({@code GroupCoordinatorConfig.CONFIG_DEF}): the session timeout and
 * heartbeat interval the coordinator imposes on every member, the assignment interval that
 * batches target computations (KIP-1263), the server-side assignors and the group size limit.
 *
 * @param assignors {@code group.consumer.assignors}: short names ({@code uniform}, {@code range})
 *                  or {@code ConsumerGroupPartitionAssignor} class names; the first is the default
 */
public record ConsumerGroupBrokerConfig(
        int sessionTimeoutMs,
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        int heartbeatIntervalMs,
        int minHeartbeatIntervalMs,
        int maxHeartbeatIntervalMs,
        int assignmentIntervalMs,
        int minAssignmentIntervalMs,
        int maxAssignmentIntervalMs,
        List<String> assignors,
        int maxSize) {

    public ConsumerGroupBrokerConfig {
        assignors = List.copyOf(assignors);
    }

    /** Kafka's defaults: 45 s session, 5 s heartbeat, 1 s assignment interval, uniform then range. */
    public static final ConsumerGroupBrokerConfig DEFAULTS = from(KafkaConfigs.defaults(KafkaConfigs.BROKER_DEF));

    /**
     * Reads the configs from parsed broker values and checks them as {@code GroupCoordinatorConfig}'s
     * constructor does, with its messages.
     *
     * @throws IllegalArgumentException when a value lies outside its min/max or the heartbeat
     *                                  interval is not below the session timeout
     */
    public static ConsumerGroupBrokerConfig from(Map<String, Object> values) {
        @SuppressWarnings("unchecked")
        List<String> assignors = (List<String>) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_ASSIGNORS_CONFIG);
        ConsumerGroupBrokerConfig c = new ConsumerGroupBrokerConfig(
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_SESSION_TIMEOUT_MS_CONFIG),
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG),
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG),
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_HEARTBEAT_INTERVAL_MS_CONFIG),
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_MIN_HEARTBEAT_INTERVAL_MS_CONFIG),
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_MAX_HEARTBEAT_INTERVAL_MS_CONFIG),
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_ASSIGNMENT_INTERVAL_MS_CONFIG),
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_MIN_ASSIGNMENT_INTERVAL_MS_CONFIG),
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_MAX_ASSIGNMENT_INTERVAL_MS_CONFIG),
                assignors,
                (Integer) values.get(GroupCoordinatorConfig.CONSUMER_GROUP_MAX_SIZE_CONFIG));
        c.check();
        return c;
    }

    private void check() {
        within("group.consumer.session.timeout.ms", sessionTimeoutMs, "group.consumer.min.session.timeout.ms", minSessionTimeoutMs,
                "group.consumer.max.session.timeout.ms", maxSessionTimeoutMs);
        within("group.consumer.heartbeat.interval.ms", heartbeatIntervalMs, "group.consumer.min.heartbeat.interval.ms",
                minHeartbeatIntervalMs, "group.consumer.max.heartbeat.interval.ms", maxHeartbeatIntervalMs);
        within("group.consumer.assignment.interval.ms", assignmentIntervalMs, "group.consumer.min.assignment.interval.ms",
                minAssignmentIntervalMs, "group.consumer.max.assignment.interval.ms", maxAssignmentIntervalMs);
        if (heartbeatIntervalMs >= sessionTimeoutMs) {
            throw new IllegalArgumentException("group.consumer.heartbeat.interval.ms (" + heartbeatIntervalMs
                    + ") must be less than group.consumer.session.timeout.ms (" + sessionTimeoutMs + ")");
        }
        if (assignors.isEmpty()) {
            throw new IllegalArgumentException("group.consumer.assignors must name at least one assignor");
        }
    }

    private static void within(String name, int value, String minName, int min, String maxName, int max) {
        if (min > max) {
            throw new IllegalArgumentException(minName + " (" + min + ") is above " + maxName + " (" + max + ")");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " (" + value + ") must lie within " + minName + " (" + min + ") and "
                    + maxName + " (" + max + ")");
        }
    }
}
