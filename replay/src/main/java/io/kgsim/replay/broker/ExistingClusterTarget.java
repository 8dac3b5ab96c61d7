package io.kgsim.replay.broker;

import io.kgsim.replay.ReplayException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.Uuid;

/**
 * A cluster the user runs. Every topic and group gets a prefix unique to this replay
 * (`kgsim-replay-<8 hex>-`) so that nothing of the user's is touched and two replays never share
 * a group; closing deletes the topics created and the groups used.
 */
final class ExistingClusterTarget implements BrokerTarget {
    private final ClusterAdmin admin;
    private final Duration timeout;
    private final String prefix;
    private final Set<String> createdTopics = new LinkedHashSet<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private boolean closed;

    private ExistingClusterTarget(ClusterAdmin admin, Duration timeout, String prefix) {
        this.admin = admin;
        this.timeout = timeout;
        this.prefix = prefix;
    }

    static ExistingClusterTarget connect(String bootstrapServers, Duration timeout) {
        // A name, not a simulated quantity: the run's outputs never depend on it.
        String prefix = "kgsim-replay-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        return new ExistingClusterTarget(ClusterAdmin.connect(bootstrapServers, timeout), timeout, prefix);
    }

    @Override
    public String bootstrapServers() {
        return admin.bootstrapServers();
    }

    @Override
    public String topicName(String scenarioTopic) {
        return prefix + scenarioTopic;
    }

    @Override
    public synchronized String groupId(String scenarioGroup) {
        String groupId = prefix + scenarioGroup;
        groups.add(groupId);
        return groupId;
    }

    @Override
    public synchronized Map<String, Uuid> createTopics(Map<String, Integer> partitionsByScenarioTopic) {
        Map<String, Integer> named = new LinkedHashMap<>();
        partitionsByScenarioTopic.forEach((topic, partitions) -> named.put(topicName(topic), partitions));
        createdTopics.addAll(named.keySet());   // before the call: a partial failure still gets cleaned up
        Map<String, Uuid> ids = admin.createTopics(named);
        Map<String, Uuid> byScenarioTopic = new LinkedHashMap<>();
        partitionsByScenarioTopic.keySet().forEach(topic -> byScenarioTopic.put(topic, ids.get(topicName(topic))));
        return byScenarioTopic;
    }

    /**
     * Deletes the groups (waiting up to the timeout for killed members' sessions to expire) and
     * the topics; reports what could not be deleted, by name, so that the user can do it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        try {
            admin.deleteGroups(groups, timeout);
        } catch (ReplayException e) {
            failures.add(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted while deleting groups " + groups);
        }
        try {
            admin.deleteTopics(createdTopics);
        } catch (ReplayException e) {
            failures.add(e.getMessage());
        }
        admin.close();
        if (!failures.isEmpty()) {
            throw new ReplayException("cleaning up after the replay: " + String.join("; ", failures));
        }
    }
}
