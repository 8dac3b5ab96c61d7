package io.kgsim.protocol.consumer;

import java.util.EnumSet;
import java.util.Set;

/**
 * A consumer group's state on its coordinator, as {@code ConsumerGroup.maybeUpdateGroupState}
 * derives it after every change (Kafka 4.4). Heartbeats are answered the same way in every
 * state; the state says how far the group is from its target.
 *
 * <table>
 * <caption>Behaviour per state</caption>
 * <tr><th>state</th><th>means</th><th>a heartbeat</th><th>leaves to</th></tr>
 * <tr><td>EMPTY</td><td>no members; the assignment timestamp is 0</td>
 *     <td>a join (epoch 0) bumps the group epoch and computes the target at once</td>
 *     <td>STABLE or RECONCILING (first join)</td></tr>
 * <tr><td>ASSIGNING</td><td>group epoch &gt; assignment epoch: a change waits for the
 *     assignment interval</td>
 *     <td>the first heartbeat of any member at or after the last computation +
 *     {@code group.consumer.assignment.interval.ms} computes the target of the latest group
 *     epoch; earlier ones reconcile toward the old target</td>
 *     <td>RECONCILING or STABLE (target computed), EMPTY (last member removed)</td></tr>
 * <tr><td>RECONCILING</td><td>the target is that of the group epoch, but some member is
 *     not STABLE at the assignment epoch (revoking, waiting for a release, away with -2)</td>
 *     <td>reconciles the sender toward its target ({@code CurrentAssignmentBuilder})</td>
 *     <td>STABLE (all reconciled), ASSIGNING (a bump), EMPTY</td></tr>
 * <tr><td>STABLE</td><td>every member is STABLE at the assignment epoch, which is the group
 *     epoch</td>
 *     <td>re-arms the session; changes nothing unless the subscription changed</td>
 *     <td>ASSIGNING (join, leave, fence, subscription or metadata change), RECONCILING (a
 *     static member leaves with -2), EMPTY</td></tr>
 * </table>
 */
public enum ConsumerGroupState {
    EMPTY,
    ASSIGNING,
    RECONCILING,
    STABLE;

    private Set<ConsumerGroupState> validPrevious;

    static {
        EMPTY.validPrevious = EnumSet.of(ASSIGNING, RECONCILING, STABLE);
        // Never from EMPTY: a join into an empty group finds assignment timestamp 0 and computes at once.
        ASSIGNING.validPrevious = EnumSet.of(RECONCILING, STABLE);
        RECONCILING.validPrevious = EnumSet.of(EMPTY, ASSIGNING, STABLE);
        STABLE.validPrevious = EnumSet.of(EMPTY, ASSIGNING, RECONCILING);
    }

    public boolean canFollow(ConsumerGroupState previous) {
        return validPrevious.contains(previous);
    }

    /** The state as Kafka's {@code kafka-consumer-groups --describe} prints it. */
    @Override
    public String toString() {
        return switch (this) {
            case EMPTY -> "Empty";
            case ASSIGNING -> "Assigning";
            case RECONCILING -> "Reconciling";
            case STABLE -> "Stable";
        };
    }
}
