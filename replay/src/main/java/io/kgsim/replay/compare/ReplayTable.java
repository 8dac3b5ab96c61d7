package io.kgsim.replay.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as a short text table for the terminal: one line per group and step, real
 * beside simulated, a {@code !} after each figure whose check failed.
 */
public final class ReplayTable {
    private static final String ROW = "%4s  %-28s %-12s %4s %4s%1s %10s %10s%1s %12s %12s%1s";

    private ReplayTable() {
    }

    public static List<String> lines(ReplayComparison c) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "replay of %s (%s), seed %d, Kafka %s: %s", c.scenario(), c.strategy(), c.seed(),
                c.kafkaVersion(), c.passed() ? "every step agrees" : c.failedChecks() + " check(s) failed (marked !)"));
        for (ReplayComparison.GroupSteps g : c.groups()) {
            out.add("");
            out.add("group " + g.group() + " (" + g.strategy() + ", " + g.protocol() + ")");
            out.add(String.format(Locale.ROOT, ROW, "step", "action", "assignment", "rebalances", "", "", "last change ms", "", "",
                    "unowned partition-ms", "", ""));
            out.add(String.format(Locale.ROOT, ROW, "", "", "", "real", "sim", "", "real", "sim", "", "real", "sim", ""));
            for (StepComparison s : g.steps()) {
                out.add(row(s));
            }
        }
        return out;
    }

    private static String row(StepComparison s) {
        String assignment = s.assignmentMatches() ? "same" : "differs!";
        return String.format(Locale.ROOT, ROW, s.step().number(), cut(s.step().action(), 28), assignment,
                s.real().rebalances(), s.simulated().rebalances(), s.rebalancesMatch() ? "" : "!",
                time(s.real().timeToLastChangeUs()), time(s.simulated().timeToLastChangeUs()), s.timeMatches() ? "" : "!",
                time(s.real().unownedPartitionUs()), time(s.simulated().unownedPartitionUs()), s.unownedMatches() ? "" : "!");
    }

    /** Whole milliseconds: what a reader compares; replay.json keeps the microseconds. */
    private static String time(Long us) {
        return us == null ? "-" : Long.toString(Math.round(us / 1000.0));
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
