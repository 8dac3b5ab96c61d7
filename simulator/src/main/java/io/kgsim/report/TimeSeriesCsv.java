package io.kgsim.report;

import static io.kgsim.report.CsvTable.column;
import static io.kgsim.report.CsvTable.fixed;

import io.kgsim.metrics.DataPlaneLedger;
import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.TimeSeriesRow;
import io.kgsim.report.CsvTable.Column;
import io.kgsim.sim.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code timeseries.csv}: one row per group and virtual second, the columns of {@link #COLUMNS}
 * (README lists them; unowned partitions, members, imbalance and rebalancing are time-weighted
 * averages over the second), then {@code consumed_per_s.<member>} for every member that ever
 * processed a record, in any group (empty on the rows of a group that has no such member).
 * {@code member-throughput.csv} holds the same per-member figures in long form, one row per
 * group, second and member, so that groups sharing member names stay apart.
 */
public final class TimeSeriesCsv {
    /** What a row's cells are computed from: the sample, its group's ledger, the second's production. */
    record Line(TimeSeriesRow row, DataPlaneLedger ledger, long producedPerS) {
        /** Index of the second in the ledgers' per-second arrays. */
        int s() {
            return row.second() - 1;
        }
    }

    /** The columns, in file order: adding one is one line here and one in the README. */
    static final CsvTable<Line> COLUMNS = new CsvTable<>(List.of(
            column("time_s", l -> l.row().second()),
            column("group", l -> l.row().group()),
            column("produced_per_s", Line::producedPerS),
            column("consumed_per_s", l -> fixed(l.ledger().processedInSecond(l.s()), 1)),
            column("produced_total", l -> l.row().producedTotal()),
            column("consumed_unique_total", l -> l.row().consumedUnique()),
            column("lag", l -> l.row().lag()),
            column("max_partition_lag", l -> l.row().maxPartitionLag()),
            column("unowned_partitions", l -> fixed(l.row().unownedPartitions(), 3)),
            column("members", l -> fixed(l.row().members(), 3)),
            column("max_over_mean_load", l -> Double.isNaN(l.row().maxOverMeanLoad()) ? null : fixed(l.row().maxOverMeanLoad(), 4)),
            column("partition_count_spread", l -> l.row().partitionCountSpread() < 0 ? null : fixed(l.row().partitionCountSpread(), 3)),
            column("duplicated_total", l -> l.row().duplicatedTotal()),
            column("cross_rack_bytes_per_s", l -> fixed(l.ledger().crossRackBytesInSecond(l.s()), 0)),
            column("rebalancing", l -> fixed(l.row().rebalancing(), 3)),
            column("latency_p50_ms", l -> latencyMs(l.ledger().latencyInSecond(l.s()), 0.50)),
            column("latency_p99_ms", l -> latencyMs(l.ledger().latencyInSecond(l.s()), 0.99))));

    /** {@code member-throughput.csv}'s columns. */
    record MemberLine(Line line, String member) {
    }

    static final CsvTable<MemberLine> MEMBER_COLUMNS = new CsvTable<>(List.of(
            column("time_s", m -> m.line().row().second()),
            column("group", m -> m.line().row().group()),
            column("member", MemberLine::member),
            column("consumed_per_s", m -> fixed(m.line().ledger().memberProcessedInSecond(m.member(), m.line().s()), 1))));

    /** Member names as a person sorts them: c2 before c10. */
    static final Comparator<String> MEMBER_ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private TimeSeriesCsv() {
    }

    public static void write(RunResult r, Writer out) throws IOException {
        TreeSet<String> members = new TreeSet<>(MEMBER_ORDER);
        for (DataPlaneLedger l : r.ledgers().values()) {
            members.addAll(l.memberNames());
        }
        List<Column<Line>> perMember = new ArrayList<>();
        for (String m : members) {
            perMember.add(column("consumed_per_s." + m,
                    l -> l.ledger().memberNames().contains(m) ? fixed(l.ledger().memberProcessedInSecond(m, l.s()), 1) : null));
        }
        try (CsvTable.Rows<Line> rows = COLUMNS.with(perMember).open(out)) {
            for (Line l : lines(r)) {
                rows.write(l);
            }
        }
    }

    /** {@code member-throughput.csv}: {@code time_s,group,member,consumed_per_s}, each group's members by name. */
    public static void writeMembers(RunResult r, Writer out) throws IOException {
        Map<String, List<String>> membersOf = new HashMap<>();
        try (CsvTable.Rows<MemberLine> rows = MEMBER_COLUMNS.open(out)) {
            for (Line l : lines(r)) {
                List<String> members = membersOf.computeIfAbsent(l.row().group(),
                        g -> l.ledger().memberNames().stream().sorted(MEMBER_ORDER).toList());
                for (String m : members) {
                    rows.write(new MemberLine(l, m));
                }
            }
        }
    }

    /** The rows in order, each with its group's production during that second. */
    private static List<Line> lines(RunResult r) {
        Map<String, Long> previousProduced = new HashMap<>();
        List<Line> lines = new ArrayList<>(r.rows().size());
        for (TimeSeriesRow row : r.rows()) {
            long before = previousProduced.getOrDefault(row.group(), 0L);
            previousProduced.put(row.group(), row.producedTotal());
            lines.add(new Line(row, r.ledgers().get(row.group()), row.producedTotal() - before));
        }
        return lines;
    }

    /** A latency percentile in milliseconds to the microsecond; empty when nothing was processed. */
    static String latencyMs(LatencyHistogram h, double q) {
        return h == null || h.count() <= 0 ? null : fixed(h.percentile(q) / 1000, 3);
    }
}
