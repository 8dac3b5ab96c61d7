package io.kgsim.replay.fidelity;

import io.kgsim.replay.compare.ReplayComparison;
import io.kgsim.replay.compare.StepComparison;
import io.kgsim.replay.compare.StepMetrics;
import io.kgsim.report.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The table the README's "Fidelity" section shows: one row per case and strategy, real beside
 * simulated, summed over the case's steps after the start (the start is measured too, and its
 * checks count in the verdict). Rows are kept in case then strategy order whatever order the
 * runs finish in.
 */
final class FidelityTable {
    private final Map<String, String> rows = new ConcurrentSkipListMap<>();

    /** Adds the row of a finished run. */
    void add(FidelityCases.Run run, ReplayComparison c) {
        rows.put(key(run), row(run, c));
    }

    /** A run that failed before it could be compared (the broker, a consumer JVM). */
    void addFailure(FidelityCases.Run run, String message) {
        rows.put(key(run), "| " + run.caseName() + " | " + run.strategy() + " | | | | | error: " + message.replace('|', '/') + " |");
    }

    /** Case then strategy, in the suite's order. */
    private static String key(FidelityCases.Run run) {
        return String.format(Locale.ROOT, "%02d-%d", FidelityCases.CASES.indexOf(run.caseName()), FidelityCases.STRATEGIES.indexOf(run.strategy()));
    }

    private static String row(FidelityCases.Run run, ReplayComparison c) {
        int steps = 0;
        int passed = 0;
        List<String> times = new ArrayList<>();
        long unownedReal = 0;
        long unownedSim = 0;
        int rebalancesReal = 0;
        int rebalancesSim = 0;
        List<String> failures = new ArrayList<>();
        for (ReplayComparison.GroupSteps g : c.groups()) {
            for (StepComparison s : g.steps()) {
                steps++;
                passed += s.passed() ? 1 : 0;
                StepMetrics r = s.real();
                StepMetrics m = s.simulated();
                if (s.step().number() > 0 && (r.timeToLastChangeUs() != null || m.timeToLastChangeUs() != null)) {
                    times.add(seconds(r.timeToLastChangeUs()) + " / " + seconds(m.timeToLastChangeUs()));
                }
                unownedReal += r.unownedPartitionUs();
                unownedSim += m.unownedPartitionUs();
                rebalancesReal += r.rebalances();
                rebalancesSim += m.rebalances();
                if (!s.passed()) {
                    failures.add("step " + s.step().number() + " " + failed(s));
                }
            }
        }
        return "| " + run.caseName() + " | " + run.strategy() + " | " + (times.isEmpty() ? "-" : String.join(", ", times)) + " | "
                + String.format(Locale.ROOT, "%.1f / %.1f", unownedReal / 1e6, unownedSim / 1e6) + " | " + rebalancesReal + " / " + rebalancesSim
                + " | " + passed + "/" + steps + " | " + (failures.isEmpty() ? "pass" : "fail: " + String.join("; ", failures)) + " |";
    }

    private static String failed(StepComparison s) {
        List<String> what = new ArrayList<>();
        if (!s.assignmentMatches()) {
            what.add("assignment (" + String.join(", ", s.differingMembers()) + ")");
        }
        if (!s.rebalancesMatch()) {
            what.add("rebalances");
        }
        if (!s.timeMatches()) {
            what.add("time");
        }
        if (!s.unownedMatches()) {
            what.add("unowned");
        }
        return String.join(", ", what);
    }

    private static String seconds(Long us) {
        return us == null ? "-" : String.format(Locale.ROOT, "%.2f", us / 1e6);
    }

    /** The markdown table with its heading line, as the README shows it. */
    String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add("Measured with Kafka " + Versions.kafkaClients() + " (broker and clients), real / simulated.");
        lines.add("");
        lines.add("| case | strategy | time to last change per step (s) | unowned partition-s | rebalances | steps passed | verdict |");
        lines.add("|---|---|---|---|---|---|---|");
        lines.addAll(rows.values());
        return String.join("\n", lines) + "\n";
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown());
    }
}
