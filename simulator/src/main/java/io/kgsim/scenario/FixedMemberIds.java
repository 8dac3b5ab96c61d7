package io.kgsim.scenario;

import java.util.List;

/**
 * The member ids a scenario fixes for one member ({@code groups[].members[]}), in the order the
 * member gets them. Real Kafka draws them at random, and the sticky assignors, cooperative-sticky
 * and the consumer protocol's range assignor order members or break ties by member id; fixing
 * them lets a simulation hand out the ids a real run got, so that the two can be compared
 * partition for partition.
 *
 * <p>Which id is the n-th: in the consumer protocol the client makes one id per process (KIP-1082:
 * kept across fencing, poll timeouts and rejoins), so the n-th process start takes the n-th id. In
 * the classic protocol the coordinator hands out an id on every JoinGroup without one (KIP-394 for
 * a dynamic member, KIP-345 for a static one), which is once per process start and again after
 * the member lost its id (session timeout, poll timeout); the n-th id handed out is the n-th of
 * the list. Past the end of the list, ids are derived from the seed as if none were given.
 *
 * @param name the member's scenario name, {@code c1}, {@code c2}, ...
 * @param ids  the ids in the order the member gets them, unique in the group
 * @param at     where each id is written, for errors found after loading ({@code --strategy});
 *               empty when the ids come from a program (a replay's real run), not a file
 * @param nameAt where the name is written, or null
 */
public record FixedMemberIds(String name, List<String> ids, List<Location> at, Location nameAt) {
    public FixedMemberIds {
        ids = List.copyOf(ids);
        at = List.copyOf(at);
    }

    /** Ids a program fixes (e.g. those a real run got), with no place in a file. */
    public static FixedMemberIds of(String name, List<String> ids) {
        return new FixedMemberIds(name, ids, List.of(), null);
    }

    /** Where the {@code i}-th id is written, or null when it came from a program. */
    public Location at(int i) {
        return i < at.size() ? at.get(i) : null;
    }
}
