package io.kgsim.scenario;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;

/**
 * The strategy a consumer-protocol group runs: the server-side assignor its
 * {@code group.remote.assignor} names among the broker's {@code group.consumer.assignors}, or
 * the broker's first when it names none. A name the broker does not know is refused here, before
 * any run: the coordinator would answer UNSUPPORTED_ASSIGNOR, fatal for the client.
 */
final class ServerAssignorStrategies {
    private ServerAssignorStrategies() {
    }

    static Strategy resolve(Object remoteAssignor, List<String> brokerAssignors, Location at) throws ScenarioException {
        List<String> names = new ArrayList<>();
        for (String a : brokerAssignors) {
            names.add(nameOf(a, at));
        }
        if (remoteAssignor == null) {
            return strategyOf(brokerAssignors.get(0));
        }
        int i = names.indexOf(remoteAssignor.toString());
        if (i < 0) {
            throw new ScenarioException(at, "group.remote.assignor '" + remoteAssignor + "' is not one of the broker's group.consumer.assignors "
                    + names + Suggestions.didYouMean(remoteAssignor.toString(), names)
                    + ": the coordinator would answer UNSUPPORTED_ASSIGNOR, a fatal error for the client. A member names a server"
                    + " assignor by its name(); offer another one by listing its class in cluster.config's group.consumer.assignors");
        }
        return strategyOf(brokerAssignors.get(i));
    }

    /** {@code uniform} => consumer-uniform, {@code range} => consumer-range, a class name => that class. */
    private static Strategy strategyOf(String brokerAssignor) {
        return Strategies.resolve(brokerAssignor.contains(".") ? brokerAssignor : "consumer-" + brokerAssignor);
    }

    private static String nameOf(String nameOrClass, Location at) throws ScenarioException {
        if (!nameOrClass.contains(".")) {
            return nameOrClass;
        }
        try {
            Class<?> c = Class.forName(nameOrClass, true, Thread.currentThread().getContextClassLoader());
            return ((ConsumerGroupPartitionAssignor) c.getDeclaredConstructor().newInstance()).name();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new ScenarioException(at, "cannot create the server-side assignor " + nameOrClass + " of group.consumer.assignors: " + e);
        }
    }
}
