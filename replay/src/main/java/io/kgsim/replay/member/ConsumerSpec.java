package io.kgsim.replay.member;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What one child JVM runs: a consumer named {@code name} in {@code groupId}, subscribed to
 * {@code topics}, with the scenario's consumer configs (Kafka names: `group.protocol`,
 * `partition.assignment.strategy`, `session.timeout.ms`, `group.instance.id`, ...).
 *
 * @param warmUpGroupId a throwaway group the child joins and leaves once, alone, with the same
 *                      configs, before it says it is ready (null: none); see {@link ChildConsumer}
 */
public record ConsumerSpec(String name, String bootstrapServers, String groupId, List<String> topics,
                           Map<String, String> configs, String warmUpGroupId) {

    public ConsumerSpec {
        topics = List.copyOf(topics);
        configs = Map.copyOf(configs);
    }

    /** A consumer without a warm-up group. */
    public ConsumerSpec(String name, String bootstrapServers, String groupId, List<String> topics, Map<String, String> configs) {
        this(name, bootstrapServers, groupId, topics, configs, null);
    }

    /** The same consumer's configs in the warm-up group, under its own client id. */
    Properties warmUpProperties() {
        Properties p = consumerProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, warmUpGroupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-warm-up");
        return p;
    }

    /** The configs, then what the replay fixes: the server, the group, `client.id` = the member's name, byte-array records. */
    Properties consumerProperties() {
        Properties p = new Properties();
        p.putAll(configs);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
