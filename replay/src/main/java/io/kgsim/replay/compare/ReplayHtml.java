package io.kgsim.replay.compare;

import static io.kgsim.report.HtmlReport.esc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Replay against a real broker" section of report.html: per group, one row per step, the
 * real run's figures beside the simulation's, a figure whose check failed in red with the
 * tolerance it missed, and the members whose partitions differ.
 */
public final class ReplayHtml {
    private ReplayHtml() {
    }

    public static String section(ReplayComparison c) {
        StringBuilder b = new StringBuilder();
        b.append("<h2 id=\"replay\">Replay against a real broker</h2>\n");
        b.append("<p>The same timeline played with real KafkaConsumers against a Kafka ").append(esc(c.kafkaVersion()))
                .append(" broker, and simulated with the member ids the real run got, nothing produced on either side. ")
                .append("Each step runs from its action to the next. Ownership is what the members' rebalance callbacks say on both sides "
                        + "(a paused member keeps its partitions until its callbacks run after it resumes). Agreement: the same assignment "
                        + "at the step's end, the same number of rebalances, the time to the last ownership change within 15 % or 150 ms, "
                        + "unowned partition-ms within 25 % or 250 ms.</p>\n");
        b.append(c.passed() ? "<p>Every step agrees.</p>\n"
                : "<p class=\"bad\">" + c.failedChecks() + " check(s) failed: the figures in red.</p>\n");
        for (ReplayComparison.GroupSteps g : c.groups()) {
            group(b, g);
        }
        return b.toString();
    }

    private static void group(StringBuilder b, ReplayComparison.GroupSteps g) {
        b.append("<h3>").append(esc(g.group())).append(" (").append(esc(g.strategy())).append(", ").append(esc(g.protocol()))
                .append(")</h3>\n<table class=\"replay\"><tr><th rowspan=\"2\">step</th><th rowspan=\"2\">action</th>"
                        + "<th colspan=\"2\">assignment at the step's end</th><th colspan=\"2\">rebalances</th><th colspan=\"2\">partitions moved</th>"
                        + "<th colspan=\"2\">revocations</th><th colspan=\"2\">time to last change (ms)</th><th colspan=\"2\">unowned partition-ms</th></tr>\n<tr>");
        for (int i = 0; i < 6; i++) {
            b.append("<th>real</th><th>simulated</th>");
        }
        b.append("</tr>\n");
        for (StepComparison s : g.steps()) {
            b.append("<tr><td>").append(s.step().number()).append("</td><td class=\"l\">").append(esc(s.step().action())).append("</td>");
            if (s.assignmentMatches()) {
                // One cell for both sides: the same assignment twice only makes the table harder to read.
                b.append("<td class=\"l\" colspan=\"2\"><small>same on both sides</small><br>");
                members(b, s.real().assignment(), s);
                b.append("</td>");
            } else {
                assignment(b, s.real().assignment(), s, true);
                assignment(b, s.simulated().assignment(), s, false);
            }
            pair(b, s.real().rebalances(), s.simulated().rebalances(), s.rebalancesMatch(), "must be equal");
            b.append("<td>").append(s.real().partitionsMoved()).append("</td><td>").append(s.simulated().partitionsMoved()).append("</td>");
            b.append("<td>").append(s.real().revocations()).append("</td><td>").append(s.simulated().revocations()).append("</td>");
            boolean oneSided = s.real().timeToLastChangeUs() == null || s.simulated().timeToLastChangeUs() == null;
            pair(b, time(s.real().timeToLastChangeUs()), time(s.simulated().timeToLastChangeUs()), s.timeMatches(),
                    oneSided ? "a change on one side only" : "allowed \u00b1" + time(s.timeToleranceUs()));
            pair(b, time(s.real().unownedPartitionUs()), time(s.simulated().unownedPartitionUs()), s.unownedMatches(),
                    "allowed \u00b1" + time(s.unownedToleranceUs()));
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    /** One side's assignment, a member that differs from the other side in red. */
    private static void assignment(StringBuilder b, Map<String, List<String>> a, StepComparison s, boolean real) {
        b.append("<td class=\"l\">");
        members(b, a, s);
        if (real && !s.assignmentMatches()) {
            b.append("<span class=\"bad\">differs: ").append(esc(String.join(", ", s.differingMembers()))).append("</span>");
        }
        b.append("</td>");
    }

    /** Member by member, one line each; a member whose partitions differ between the sides in red. */
    private static void members(StringBuilder b, Map<String, List<String>> a, StepComparison s) {
        if (a.isEmpty()) {
            b.append("-<br>");
        }
        for (Map.Entry<String, List<String>> e : a.entrySet()) {
            boolean differs = s.differingMembers().contains(e.getKey());
            b.append(differs ? "<span class=\"bad\">" : "<span>").append(esc(e.getKey())).append(":&nbsp;")
                    .append(esc(String.join(", ", e.getValue()))).append("</span><br>");
        }
    }

    private static void pair(StringBuilder b, Object real, Object simulated, boolean pass, String why) {
        String cls = pass ? "" : " class=\"bad\"";
        b.append("<td").append(cls).append('>').append(esc(String.valueOf(real))).append("</td><td").append(cls).append('>')
                .append(esc(String.valueOf(simulated))).append(pass ? "" : " &#x2717;<br><small>" + esc(why) + "</small>").append("</td>");
    }

    /** Whole milliseconds: what a reader compares; replay.json keeps the microseconds. */
    private static String time(Long us) {
        return us == null ? "-" : String.format(Locale.ROOT, "%,d", Math.round(us / 1000.0));
    }
}
