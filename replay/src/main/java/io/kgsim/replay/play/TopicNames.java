package io.kgsim.replay.play;

import io.kgsim.replay.broker.BrokerTarget;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TopicSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Scenario topic names and the cluster's names for them (an existing cluster's are prefixed), both ways. */
final class TopicNames {
    private final Map<String, String> real = new TreeMap<>();
    private final Map<String, String> scenario = new TreeMap<>();

    TopicNames(Scenario s, BrokerTarget target) {
        for (TopicSpec t : s.topics()) {
            String name = target.topicName(t.name());
            real.put(t.name(), name);
            scenario.put(name, t.name());
        }
    }

    String real(String scenarioTopic) {
        return real.get(scenarioTopic);
    }

    List<String> real(List<String> scenarioTopics) {
        return scenarioTopics.stream().map(this::real).toList();
    }

    /** The scenario's name of a cluster topic; a topic the scenario does not know keeps its name. */
    String scenario(String realTopic) {
        return scenario.getOrDefault(realTopic, realTopic);
    }
}
