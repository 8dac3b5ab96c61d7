package io.kgsim.protocol;

import java.util.Optional;
import org.apache.kafka.common.Cluster;

/**
 * The broker side of a group protocol, as the run, the timeline and the observers see it: the
 * coordinator of the groups whose {@code __consumer_offsets} partition its broker leads. The
 * requests members send it stay protocol-specific, behind the members.
 */
public interface GroupCoordinator {
    /** False while the broker hosting the coordinator is down and no other has taken over. */
    boolean isAvailable();

    /** The hosting broker dies: timers stop, parked requests lose their connection; groups survive. */
    void crash();

    /** Another broker took over the groups' offsets partition and loaded them. */
    void load();

    /** The committed offsets of {@code groupId} (the group is created if absent). */
    OffsetStore offsets(String groupId);

    /** The group's state and generation or epoch, now. */
    GroupSnapshot snapshot(String groupId);

    /**
     * The cluster metadata the group's current assignment was computed from, when the coordinator
     * computes it (the consumer protocol's target assignment). Empty when it does not: a classic
     * group's assignment is computed by its leader, and observers learn of it from the assignor
     * call.
     */
    default Optional<Cluster> assignmentMetadata(String groupId) {
        return Optional.empty();
    }

    /** Does the group have a member with this id (members that were removed do not count)? */
    boolean hasMember(String groupId, String memberId);
}
