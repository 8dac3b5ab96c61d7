package io.kgsim.fault;

import io.kgsim.consumer.ConsumerApp;
import io.kgsim.protocol.GroupCoordinator;
import io.kgsim.protocol.GroupMember;
import java.util.List;

/**
 * What the timeline does to one consumer group: start, stop, crash and pause its consumers, cut a
 * member off, change subscriptions, crash and reload its coordinator. Declared here and
 * implemented by the run's group runtime, so {@code fault} never depends on {@code sim}, which
 * builds the timeline (the same arrangement as the invariant checker's {@code GroupView}).
 */
public interface GroupControl {
    String groupId();

    /** Creates and starts consumers with the next unused numbers. */
    void startNew(int count);

    /** The consumer named {@code name} in the scenario (c1, c2, ...). */
    ConsumerApp consumer(String name);

    GroupMember member(String name);

    /** Consumers whose process is running, in name order. */
    List<ConsumerApp> runningConsumers();

    /** Every consumer started so far, running or not, in name order. */
    List<ConsumerApp> allConsumers();

    /** A member subscribes to {@code topics} (timeline {@code subscribe}). */
    void subscribe(String member, List<String> topics);

    /** Partitions were added: accounting starts for them now. */
    void partitionsAdded();

    GroupCoordinator coordinator();
}
