package io.kgsim.sim;

import java.util.List;

/** What a run produced: the figures {@code summary.json} reports. */
public record RunResult(
        String scenario,
        long seed,
        long virtualDurationUs,
        long events,
        List<GroupResult> groups,
        long invariantViolations,
        List<String> violationMessages) {

    public int rebalances() {
        int n = 0;
        for (GroupResult g : groups) {
            n += g.rebalances();
        }
        return n;
    }

    public long partitionMovements() {
        long n = 0;
        for (GroupResult g : groups) {
            n += g.partitionMovements();
        }
        return n;
    }

    public long unownedPartitionUs() {
        long n = 0;
        for (GroupResult g : groups) {
            n += g.unownedPartitionUs();
        }
        return n;
    }

    /** The strategy label: the groups' strategies, distinct, in group order. */
    public String strategy() {
        return distinct(true);
    }

    public String protocol() {
        return distinct(false);
    }

    private String distinct(boolean strategy) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>();
        for (GroupResult g : groups) {
            s.add(strategy ? g.strategy() : g.protocol());
        }
        return String.join(";", s);
    }
}
