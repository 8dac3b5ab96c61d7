package io.kgsim.replay.broker;

import io.kgsim.replay.ReplayException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The few {@link Admin} calls a replay makes, each bounded by a timeout and failing with a
 * {@link ReplayException} that names the server: reachability, topics, groups.
 */
final class ClusterAdmin implements AutoCloseable {
    private static final long GROUP_DELETE_RETRY_MS = 500;

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;

    private ClusterAdmin(Admin admin, String bootstrapServers, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** An Admin on the server once `describeCluster` has answered within the timeout: a wrong address fails here, not mid-replay. */
    static ClusterAdmin connect(String bootstrapServers, Duration timeout) {
        Admin admin;
        try {
            admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        } catch (KafkaException e) {   // e.g. ConfigException "No resolvable bootstrap urls"
            throw new ReplayException("cannot connect to Kafka at " + bootstrapServers + ": " + ReplayException.rootMessage(e), e);
        }
        ClusterAdmin cluster = new ClusterAdmin(admin, bootstrapServers, timeout);
        try {
            cluster.await(admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes(), "describe the cluster");
            return cluster;
        } catch (ReplayException e) {
            cluster.close();
            throw new ReplayException("cannot reach Kafka at " + bootstrapServers + " within "
                + timeout.toSeconds() + " s: " + ReplayException.rootMessage(e), e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics and returns the id the cluster gave each (topic name to id). */
    Map<String, Uuid> createTopics(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
            .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
            .toList();
        CreateTopicsResult created = admin.createTopics(topics);
        await(created.all(), "create topics " + partitionsByTopic.keySet());
        Map<String, Uuid> ids = new LinkedHashMap<>();
        for (String topic : partitionsByTopic.keySet()) {
            ids.put(topic, await(created.topicId(topic), "read the id of topic " + topic));
        }
        return ids;
    }

    void commitOffset(String group, TopicPartition partition, OffsetAndMetadata offset) {
        await(admin.alterConsumerGroupOffsets(group, Map.of(partition, offset)).all(), "commit an offset for group " + group);
    }

    Set<String> listTopics() {
        return await(admin.listTopics().names(), "list topics");
    }

    /** Deletes the topics; one already gone is no error. */
    void deleteTopics(Collection<String> topics) {
        try {
            await(admin.deleteTopics(topics).all(), "delete topics " + topics);
        } catch (ReplayException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /**
     * Deletes the groups, retrying while one still has members: a killed consumer stays a
     * member until its session times out, so the caller passes at least that long. A group that
     * never formed is no error.
     */
    void deleteGroups(Collection<String> groups, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (String group : groups) {
            while (true) {
                try {
                    await(admin.deleteConsumerGroups(List.of(group)).all(), "delete group " + group);
                    break;
                } catch (ReplayException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        break;
                    }
                    if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(GROUP_DELETE_RETRY_MS);
                }
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ReplayException("Kafka at " + bootstrapServers + ": could not " + what + ": "
                + ReplayException.rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new ReplayException("Kafka at " + bootstrapServers + ": could not " + what
                + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while waiting to " + what, e);
        }
    }

    @Override
    public void close() {
        admin.close(timeout);
    }
}
