package io.kgsim.protocol;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import org.apache.kafka.common.TopicPartition;

/**
 * One protocol event, as trace, metrics and invariant checkers observe it. Fields that do not
 * apply are null (or -1 for {@code sentUs}); build events with the named factories below.
 * Partition lists are sorted by topic then partition.
 *
 * <p>Immutable: the trace is written on another thread ({@code TraceWriter}), so nothing may
 * change an event after it is published. Lists are copied unless already immutable (then
 * {@code List.copyOf} returns them as they are); the offsets map is the commit's own, which no
 * one changes after sending it.
 *
 * @param group      the group, or null for a cluster event (a broker, added partitions)
 * @param member     the member's scenario name, or null for a group or cluster event
 * @param epoch      the classic generation or the consumer protocol's epochs the event belongs to
 * @param partitions the change (assigned, revoked, lost) or the full assignment (synced)
 * @param owned      everything the member owns after the change
 * @param members    member names (rebalance-completed)
 * @param offsets    committed offsets (offsets-committed), sorted by partition
 * @param sentUs     when the member sent the OffsetCommit (offsets-committed), or -1: what it
 *                   owned then is what it may commit, though the commit arrives later
 */
public record GroupEvent(
        long timeUs,
        GroupEventType type,
        String group,
        String member,
        Epoch epoch,
        String reason,
        List<TopicPartition> partitions,
        List<TopicPartition> owned,
        List<String> members,
        SortedMap<TopicPartition, Long> offsets,
        long sentUs) {

    public GroupEvent {
        epoch = epoch == null ? Epoch.NONE : epoch;
        partitions = partitions == null ? null : List.copyOf(partitions);
        owned = owned == null ? null : List.copyOf(owned);
        members = members == null ? null : List.copyOf(members);
        offsets = offsets == null ? null : Collections.unmodifiableSortedMap(offsets);
    }

    /** Something that happened to one member: started, joined, paused, a heartbeat error, ... */
    public static GroupEvent member(long timeUs, GroupEventType type, String group, String member, Epoch epoch, String reason) {
        return new GroupEvent(timeUs, type, group, member, epoch, reason, null, null, null, null, -1);
    }

    /** Something that happened to a whole group: a rebalance started, its coordinator loaded. */
    public static GroupEvent group(long timeUs, GroupEventType type, String group, Epoch epoch, String reason) {
        return new GroupEvent(timeUs, type, group, null, epoch, reason, null, null, null, null, -1);
    }

    /** Something that happened to the cluster, not to one group: a broker, added partitions. */
    public static GroupEvent cluster(long timeUs, GroupEventType type, String reason) {
        return new GroupEvent(timeUs, type, null, null, Epoch.NONE, reason, null, null, null, null, -1);
    }

    /** A member's owned set changed (assigned, revoked, lost): {@code owned} is what it owns after. */
    public static GroupEvent ownership(long timeUs, GroupEventType type, String group, String member, Epoch epoch, String reason,
                                       List<TopicPartition> partitions, List<TopicPartition> owned) {
        return new GroupEvent(timeUs, type, group, member, epoch, reason, partitions, owned, null, null, -1);
    }

    /** The member received its whole assignment for {@code epoch} (classic: the SyncGroup answer). */
    public static GroupEvent assignmentReceived(long timeUs, GroupEventType type, String group, String member, Epoch epoch,
                                                List<TopicPartition> assignment) {
        return new GroupEvent(timeUs, type, group, member, epoch, null, assignment, null, null, null, -1);
    }

    /** The group finished a rebalance with these members (none when it became empty). */
    public static GroupEvent rebalanceCompleted(long timeUs, String group, Epoch epoch, List<String> members) {
        return new GroupEvent(timeUs, GroupEventType.REBALANCE_COMPLETED, group, null, epoch, null, null, null, members, null, -1);
    }

    /** The coordinator accepted an OffsetCommit that {@code member} sent at {@code sentUs}. */
    public static GroupEvent committed(long timeUs, String group, String member, Epoch epoch,
                                       SortedMap<TopicPartition, Long> offsets, long sentUs) {
        return new GroupEvent(timeUs, GroupEventType.OFFSETS_COMMITTED, group, member, epoch, null, null, null, null, offsets, sentUs);
    }
}
