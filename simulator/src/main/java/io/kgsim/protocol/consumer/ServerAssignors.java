package io.kgsim.protocol.consumer;

import io.kgsim.scenario.ConsumerGroupBrokerConfig;
import io.kgsim.scenario.ConsumerSettings;
import io.kgsim.scenario.GroupProtocol;
import io.kgsim.scenario.Strategy;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-side assignors a consumer-protocol group runs with: the broker's
 * {@code group.consumer.assignors}, and the name a member asks for in {@code group.remote.assignor}.
 * {@code --strategy <class>} names an assignor the scenario's broker may not list: the class is
 * then added after the broker's own (the default stays the broker's first), as an operator
 * would configure it.
 */
public final class ServerAssignors {
    private ServerAssignors() {
    }

    /** The broker's configs, with the group's strategy classes the broker does not list added at the end. */
    public static ConsumerGroupBrokerConfig forGroup(ConsumerGroupBrokerConfig broker, ConsumerSettings settings) {
        List<String> names = new ArrayList<>();
        for (String a : broker.assignors()) {
            names.add(nameOf(a));
        }
        List<String> assignors = new ArrayList<>(broker.assignors());
        for (Strategy s : settings.strategies()) {
            if (s.protocol() == GroupProtocol.CONSUMER && !names.contains(nameOf(s.className()))) {
                assignors.add(s.className());
                names.add(nameOf(s.className()));
            }
        }
        if (assignors.equals(broker.assignors())) {
            return broker;
        }
        return new ConsumerGroupBrokerConfig(broker.sessionTimeoutMs(), broker.minSessionTimeoutMs(), broker.maxSessionTimeoutMs(),
                broker.heartbeatIntervalMs(), broker.minHeartbeatIntervalMs(), broker.maxHeartbeatIntervalMs(), broker.assignmentIntervalMs(),
                broker.minAssignmentIntervalMs(), broker.maxAssignmentIntervalMs(), assignors, broker.maxSize());
    }

    /** {@code name()} of the assignor {@code uniform}, {@code range} or a class name stands for. */
    public static String nameOf(String nameOrClass) {
        if (nameOrClass == null || !nameOrClass.contains(".")) {
            return nameOrClass;
        }
        return KafkaCoordinatorAdapter.newAssignor(nameOrClass).name();
    }
}
