package io.kgsim.protocol;

/**
 * Which round of a group's assignment an event belongs to, in its protocol's words: the classic
 * protocol's generation ({@code generationId}), or the consumer protocol's group epoch and member
 * epoch (KIP-848). A value that does not apply is -1; the consumer protocol's own negative member
 * epochs (-1 leaving, -2 a static member leaving) are carried as they are.
 *
 * @param generation the classic generation, or -1
 * @param groupEpoch the consumer protocol's group epoch, or -1
 * @param memberEpoch the consumer protocol's member epoch, or -1
 */
public record Epoch(int generation, int groupEpoch, int memberEpoch) {
    /** No generation or epoch (a member that has not joined, a broker event). */
    public static final Epoch NONE = new Epoch(-1, -1, -1);

    /** Events are many and generations few: the first ones are shared instead of allocated. */
    private static final Epoch[] GENERATIONS = new Epoch[512];

    static {
        for (int g = 0; g < GENERATIONS.length; g++) {
            GENERATIONS[g] = new Epoch(g, -1, -1);
        }
    }

    /** A classic generation; a negative one (no generation) is {@link #NONE}. */
    public static Epoch generation(int generation) {
        if (generation < 0) {
            return NONE;
        }
        return generation < GENERATIONS.length ? GENERATIONS[generation] : new Epoch(generation, -1, -1);
    }

    /** A consumer-protocol event's epochs (-1 where one does not apply). */
    public static Epoch consumer(int groupEpoch, int memberEpoch) {
        return new Epoch(-1, groupEpoch, memberEpoch);
    }

    /**
     * The generation or epoch as one number, for what observers group by (moves per rebalance,
     * assignments per round): the generation, else the group epoch, else a non-negative member
     * epoch; -1 when there is none.
     */
    public int value() {
        if (generation >= 0) {
            return generation;
        }
        if (groupEpoch >= 0) {
            return groupEpoch;
        }
        return Math.max(memberEpoch, -1);
    }

    /** "generation 5", "group epoch 7", "member epoch 3" or "no generation": as messages name it. */
    public String describe() {
        if (generation >= 0) {
            return "generation " + generation;
        }
        if (groupEpoch >= 0) {
            return "group epoch " + groupEpoch;
        }
        return memberEpoch == -1 ? "no generation" : "member epoch " + memberEpoch;
    }

    public boolean isNone() {
        return generation < 0 && groupEpoch < 0 && memberEpoch == -1;
    }
}
