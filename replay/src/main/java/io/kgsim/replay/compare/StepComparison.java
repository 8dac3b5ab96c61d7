package io.kgsim.replay.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One group's step, real beside simulated, and the four checks a replay makes on it. The real
 * run is the reference: tolerances are relative to its figures ({@link Tolerances}).
 *
 * @param differingMembers  members whose partitions at the window's end differ between the sides
 * @param timeToleranceUs   the difference allowed for the time to the last change (0 when a side changed nothing)
 * @param unownedToleranceUs the difference allowed for unowned partition time
 */
public record StepComparison(
        Step step,
        StepMetrics real,
        StepMetrics simulated,
        List<String> differingMembers,
        boolean assignmentMatches,
        boolean rebalancesMatch,
        boolean timeMatches,
        long timeToleranceUs,
        boolean unownedMatches,
        long unownedToleranceUs) {

    public StepComparison {
        differingMembers = List.copyOf(differingMembers);
    }

    public static StepComparison of(Step step, StepMetrics real, StepMetrics simulated) {
        List<String> differing = new ArrayList<>();
        TreeSet<String> members = new TreeSet<>(Names.MEMBERS);
        members.addAll(real.assignment().keySet());
        members.addAll(simulated.assignment().keySet());
        for (String m : members) {
            if (!Objects.equals(real.assignment().get(m), simulated.assignment().get(m))) {
                differing.add(m);
            }
        }
        Long rt = real.timeToLastChangeUs();
        Long st = simulated.timeToLastChangeUs();
        long timeTolerance = rt == null ? 0 : Tolerances.timeUs(rt);
        // Nothing changed on either side agrees; a change on one side only does not.
        boolean time = rt == null || st == null ? rt == null && st == null : Math.abs(rt - st) <= timeTolerance;
        long unownedTolerance = Tolerances.unownedUs(real.unownedPartitionUs());
        boolean unowned = Math.abs(real.unownedPartitionUs() - simulated.unownedPartitionUs()) <= unownedTolerance;
        return new StepComparison(step, real, simulated, differing, differing.isEmpty(), real.rebalances() == simulated.rebalances(),
                time, timeTolerance, unowned, unownedTolerance);
    }

    /** All four checks passed. */
    public boolean passed() {
        return assignmentMatches && rebalancesMatch && timeMatches && unownedMatches;
    }

    /** How many of the four checks failed. */
    public int failedChecks() {
        return (assignmentMatches ? 0 : 1) + (rebalancesMatch ? 0 : 1) + (timeMatches ? 0 : 1) + (unownedMatches ? 0 : 1);
    }
}
