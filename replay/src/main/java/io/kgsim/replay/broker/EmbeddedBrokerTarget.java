package io.kgsim.replay.broker;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/** The broker the replay started: names are the scenario's own; closing stops the broker, which takes every topic and group with it. */
final class EmbeddedBrokerTarget implements BrokerTarget {
    private final EmbeddedKafka kafka;
    private final Duration timeout;

    EmbeddedBrokerTarget(EmbeddedKafka kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String topicName(String scenarioTopic) {
        return scenarioTopic;
    }

    @Override
    public String groupId(String scenarioGroup) {
        return scenarioGroup;
    }

    @Override
    public Map<String, Uuid> createTopics(Map<String, Integer> partitionsByScenarioTopic) {
        try (ClusterAdmin admin = ClusterAdmin.connect(kafka.bootstrapServers(), timeout)) {
            return admin.createTopics(partitionsByScenarioTopic);
        }
    }

    @Override
    public void close() {
        kafka.close();
    }
}
