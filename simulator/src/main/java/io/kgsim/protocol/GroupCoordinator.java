package io.kgsim.protocol;

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

    /** Does the group have a member with this id (members that were removed do not count)? */
    boolean hasMember(String groupId, String memberId);
}
