package io.kgsim.report;

import io.kgsim.metrics.DataPlaneLedger;
import io.kgsim.metrics.TimeSeriesRow;
import io.kgsim.sim.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code timeseries.csv}: one row per group and virtual second. Columns (README lists them):
 * {@code time_s, group, produced_per_s, consumed_per_s, produced_total, consumed_unique_total,
 * lag, max_partition_lag,
 * unowned_partitions, members, max_over_mean_load, partition_count_spread,
 * duplicated_total, cross_rack_bytes_per_s, rebalancing, latency_p50_ms, latency_p99_ms}, then
 * {@code consumed_per_s.<member>} for every member that ever ran. Unowned partitions, members,
 * imbalance and rebalancing are time-weighted averages over the second. Numbers use '.' and fixed decimals, whatever the locale.
 */
public final class TimeSeriesCsv {
    private TimeSeriesCsv() {
    }

    public static void write(RunResult r, Writer out) throws IOException {
        List<String> members = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>((a, b) -> {
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        });
        for (DataPlaneLedger l : r.ledgers().values()) {
            names.addAll(l.memberNames());
        }
        members.addAll(names);
        StringBuilder header = new StringBuilder("time_s,group,produced_per_s,consumed_per_s,produced_total,consumed_unique_total,lag,max_partition_lag,unowned_partitions,members,"
                + "max_over_mean_load,partition_count_spread,duplicated_total,cross_rack_bytes_per_s,rebalancing,latency_p50_ms,latency_p99_ms");
        for (String m : members) {
            header.append(",consumed_per_s.").append(m);
        }
        out.write(header.append('\n').toString());
        java.util.Map<String, Long> previousProduced = new java.util.HashMap<>();
        for (TimeSeriesRow row : r.rows()) {
            DataPlaneLedger ledger = r.ledgers().get(row.group());
            int s = row.second() - 1;
            long before = previousProduced.getOrDefault(row.group(), 0L);
            previousProduced.put(row.group(), row.producedTotal());
            StringBuilder b = new StringBuilder();
            b.append(row.second()).append(',').append(row.group()).append(',')
                    .append(row.producedTotal() - before).append(',')
                    .append(fixed(ledger.processedInSecond(s), 1)).append(',')
                    .append(row.producedTotal()).append(',')
                    .append(row.consumedUnique()).append(',')
                    .append(row.lag()).append(',')
                    .append(row.maxPartitionLag()).append(',')
                    .append(fixed(row.unownedPartitions(), 3)).append(',')
                    .append(fixed(row.members(), 3)).append(',')
                    .append(Double.isNaN(row.maxOverMeanLoad()) ? "" : fixed(row.maxOverMeanLoad(), 4)).append(',')
                    .append(row.partitionCountSpread() < 0 ? "" : fixed(row.partitionCountSpread(), 3)).append(',')
                    .append(row.duplicatedTotal()).append(',')
                    .append(fixed(ledger.crossRackBytesInSecond(s), 0)).append(',')
                    .append(fixed(row.rebalancing(), 3)).append(',')
                    .append(latencyMs(ledger.latencyInSecond(s), 0.50)).append(',')
                    .append(latencyMs(ledger.latencyInSecond(s), 0.99));
            for (String m : members) {
                b.append(',').append(fixed(ledger.memberProcessedInSecond(m, s), 1));
            }
            out.write(b.append('\n').toString());
        }
    }

    /** A latency percentile in milliseconds to the microsecond; empty when nothing was processed. */
    static String latencyMs(io.kgsim.metrics.LatencyHistogram h, double q) {
        return h == null || h.count() <= 0 ? "" : fixed(h.percentile(q) / 1000, 3);
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
