package io.kgsim.replay.broker;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * The Kafka cluster a replay runs against: a broker it starts itself, or one the user names with
 * `--bootstrap-server`. Scenario topics and groups are asked for by their scenario names; the
 * target says what they are called on the cluster. {@link #close} removes what the replay left:
 * the whole broker, or the topics and groups it created on the user's cluster.
 */
public interface BrokerTarget extends AutoCloseable {

    /** The `bootstrap.servers` consumers connect to. */
    String bootstrapServers();

    /** The cluster's name for a scenario topic. */
    String topicName(String scenarioTopic);

    /** The cluster's `group.id` for a scenario group; the group is deleted on {@link #close}. */
    String groupId(String scenarioGroup);

    /**
     * Creates the scenario's topics (scenario name to partition count), replication factor 1, and
     * returns the topic id the cluster gave each (scenario name to id).
     */
    Map<String, Uuid> createTopics(Map<String, Integer> partitionsByScenarioTopic);

    @Override
    void close();

    /** Starts a broker on loopback with the scenario's broker configs (see {@link EmbeddedKafka#start}). */
    static BrokerTarget embedded(Map<String, String> brokerConfigs, Duration timeout) {
        return embedded(EmbeddedKafka.start(brokerConfigs, timeout), timeout);
    }

    /** A broker already started; closing the target stops it. */
    static BrokerTarget embedded(EmbeddedKafka kafka, Duration timeout) {
        return new EmbeddedBrokerTarget(kafka, timeout);
    }

    /** Uses the cluster at {@code bootstrapServers}; fails within {@code timeout} if it does not answer. */
    static BrokerTarget existing(String bootstrapServers, Duration timeout) {
        return ExistingClusterTarget.connect(bootstrapServers, timeout);
    }
}
