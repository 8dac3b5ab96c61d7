package io.kgsim.protocol.classic;

import io.kgsim.scenario.ConsumerSettings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;

/**
 * One process's instances of the real assignors named by {@code partition.assignment.strategy}
 * (a new JVM has fresh ones, and the sticky assignors keep state between rebalances), with the
 * rebalance protocol they share, as {@code ConsumerCoordinator}'s constructor picks it.
 */
final class MemberAssignors {
    private final List<ConsumerPartitionAssignor> assignors;
    private final RebalanceProtocol rebalanceProtocol;

    private MemberAssignors(List<ConsumerPartitionAssignor> assignors) {
        this.assignors = assignors;
        this.rebalanceProtocol = commonRebalanceProtocol(assignors);
    }

    /** Fresh instances configured as the consumer configures them (group, client id, rack). */
    static MemberAssignors create(ConsumerSettings settings, String groupId, String clientId, String rack) {
        @SuppressWarnings("unchecked")
        List<String> classes = (List<String>) settings.values().get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        Map<String, Object> configs = new HashMap<>(settings.values());
        configs.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        if (rack != null) {
            configs.put(ConsumerConfig.CLIENT_RACK_CONFIG, rack);
        }
        return new MemberAssignors(ConsumerPartitionAssignor.getAssignorInstances(classes, configs));
    }

    RebalanceProtocol rebalanceProtocol() {
        return rebalanceProtocol;
    }

    /** {@code ConsumerCoordinator}'s rule: the highest protocol every assignor supports. */
    static RebalanceProtocol commonRebalanceProtocol(List<ConsumerPartitionAssignor> assignors) {
        RebalanceProtocol best = null;
        for (RebalanceProtocol p : RebalanceProtocol.values()) {
            boolean all = true;
            for (ConsumerPartitionAssignor a : assignors) {
                all &= a.supportedProtocols().contains(p);
            }
            if (all && (best == null || p.id() > best.id())) {
                best = p;
            }
        }
        if (best == null) {
            throw new IllegalStateException("assignors share no rebalance protocol");
        }
        return best;
    }

    /** The assignor the coordinator chose ({@code JoinGroupResponse.protocolName}). */
    ConsumerPartitionAssignor named(String protocol, String member) {
        for (ConsumerPartitionAssignor a : assignors) {
            if (a.name().equals(protocol)) {
                return a;
            }
        }
        throw new IllegalStateException("member " + member + " has no assignor named " + protocol);
    }

    /**
     * {@code ConsumerCoordinator.metadata()}: one protocol per assignor, in
     * {@code partition.assignment.strategy} order, each carrying the subscription, what the
     * member owns and its generation (KIP-341, KIP-429), and its rack (KIP-881).
     */
    List<Protocol> protocols(List<String> topics, List<TopicPartition> owned, int generationId, String rack) {
        List<Protocol> out = new ArrayList<>(assignors.size());
        for (ConsumerPartitionAssignor a : assignors) {
            Subscription s = new Subscription(topics, a.subscriptionUserData(new HashSet<>(topics)), owned, generationId, Optional.ofNullable(rack));
            out.add(new Protocol(a.name(), bytes(ConsumerProtocol.serializeSubscription(s))));
        }
        return List.copyOf(out);
    }

    private static byte[] bytes(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.duplicate().get(b);
        return b;
    }
}
