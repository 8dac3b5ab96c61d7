package io.kgsim.protocol.consumer;

import java.util.EnumSet;
import java.util.Set;

/**
 * A member's reconciliation state on the coordinator ({@code modern.MemberState}), as
 * {@code CurrentAssignmentBuilder.build()} moves it on each heartbeat that needs it.
 *
 * <table>
 * <caption>Behaviour per state (T: the assignment epoch, E: the member epoch)</caption>
 * <tr><th>state</th><th>means</th><th>a heartbeat</th></tr>
 * <tr><td>STABLE</td><td>holds all of its target of epoch E, nothing pending</td>
 *     <td>E == T: nothing (a subscription change drops unsubscribed topics into revocation);
 *     E != T: the next assignment: revoke first if it owns partitions the target dropped
 *     (UNREVOKED at epoch E), else take what is free at epoch T (STABLE, or UNRELEASED if
 *     some partition is still held by another member)</td></tr>
 * <tr><td>UNREVOKED_PARTITIONS</td><td>must give up {@code pendingRevocation}; stays at its
 *     old epoch; the rebalance timer ({@code rebalanceTimeoutMs}) runs from entry</td>
 *     <td>a heartbeat whose owned list still has a revoked partition (or no owned list):
 *     nothing; an owned list without them acknowledges: the next assignment as from STABLE</td></tr>
 * <tr><td>UNRELEASED_PARTITIONS</td><td>at epoch T, waits for partitions other members still
 *     hold</td>
 *     <td>the next assignment: partitions released since are taken now</td></tr>
 * </table>
 *
 * <p>Every state can follow every other: a new target can arrive in any of them, and the next
 * assignment may then revoke, withhold or complete. A static member that leaves with -2 keeps
 * its state at epoch -2 (its pending revocation is released at once).
 */
public enum ConsumerGroupMemberState {
    STABLE,
    UNREVOKED_PARTITIONS,
    UNRELEASED_PARTITIONS;

    private static final Set<ConsumerGroupMemberState> ANY = EnumSet.allOf(ConsumerGroupMemberState.class);

    public boolean canFollow(ConsumerGroupMemberState previous) {
        return ANY.contains(previous);
    }

    /**
     * Is {@code pendingRevocationEmpty} consistent with this state after a reconciliation? Only
     * UNREVOKED_PARTITIONS has partitions to revoke, and it always has some.
     */
    public boolean consistentWith(boolean pendingRevocationEmpty) {
        return (this == UNREVOKED_PARTITIONS) != pendingRevocationEmpty;
    }
}
