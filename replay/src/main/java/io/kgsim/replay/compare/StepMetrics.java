package io.kgsim.replay.compare;

import java.util.List;
import java.util.SortedMap;

/**
 * What one side of a replay did to one group in one {@link Step}, measured from its
 * {@code OwnershipEvent}s alone (the same code for the real run and the simulation).
 *
 * @param actionAtUs           when the step's action took effect on this side (the real run can be
 *                             a few ms late; the start: 0)
 * @param assignment           at the window's end: member -> its partitions, sorted; members that
 *                             own nothing are left out
 * @param rebalances           generations or member epochs that some member of the group reached
 *                             for the first time in the window
 * @param partitionsMoved      partitions owned at the window's end by a member other than their
 *                             owner at its start (when unowned at the start: their last owner
 *                             before it); a partition never owned before is not a move
 * @param revocations          partitions revoked or lost in the window, counted once per callback
 * @param timeToLastChangeUs   from the step's scheduled time to the window's last ownership
 *                             change, or null when nothing changed
 * @param unownedPartitionUs   summed over the group's subscribed partitions that exist, the time
 *                             in the window during which no member owned them
 */
public record StepMetrics(
        long actionAtUs,
        SortedMap<String, List<String>> assignment,
        int rebalances,
        int partitionsMoved,
        int revocations,
        Long timeToLastChangeUs,
        long unownedPartitionUs) {
}
