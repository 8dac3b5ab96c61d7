package io.kgsim.protocol;

/**
 * A group as its coordinator sees it at one instant.
 *
 * @param state       the coordinator's state of the group, in its protocol's words (e.g. Stable,
 *                    PreparingRebalance; Empty for a group it does not know)
 * @param epoch       the generation (classic) or the group epoch (consumer)
 * @param memberCount the members the coordinator has
 * @param stable      no rebalance is under way: the classic group is Stable, or the consumer
 *                    group's target assignment is that of its group epoch
 */
public record GroupSnapshot(String state, Epoch epoch, int memberCount, boolean stable) {
}
