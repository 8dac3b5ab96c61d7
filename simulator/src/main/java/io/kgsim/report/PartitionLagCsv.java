package io.kgsim.report;

import static io.kgsim.report.CsvTable.column;

import io.kgsim.metrics.TimeSeriesRecorder.PartitionLagSample;
import io.kgsim.report.CsvTable.Column;
import io.kgsim.sim.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Each partition's lag (log-end offset minus committed offset) at the sampled seconds: every
 * second, unless partitions x seconds would pass about 500,000 values; then every n-th second
 * (the sampler decides, so both files hold the same samples and stay under ~500,000 values).
 * <ul>
 * <li>{@code partition-lag.csv}, wide: one row per group and sample, one column per partition
 * ({@code topic-partition}, empty where the partition did not exist yet or the group does not
 * subscribe to it);</li>
 * <li>{@code partition-lag-long.csv}, long: {@code time_s,group,topic,partition,lag}, one row
 * per group, sample and partition that existed.</li>
 * </ul>
 */
public final class PartitionLagCsv {
    /** One partition of one sample. */
    record Cell(PartitionLagSample sample, int index) {
        TopicPartition partition() {
            return sample.partitions().get(index);
        }
    }

    static final CsvTable<Cell> LONG_COLUMNS = new CsvTable<>(List.of(
            column("time_s", c -> c.sample().second()),
            column("group", c -> c.sample().group()),
            column("topic", c -> c.partition().topic()),
            column("partition", c -> c.partition().partition()),
            column("lag", c -> c.sample().lags()[c.index()])));

    /** One sample of the wide file, with where each partition sits in it. */
    record WideRow(PartitionLagSample sample, Map<TopicPartition, Integer> index) {
    }

    static final CsvTable<WideRow> WIDE_COLUMNS = new CsvTable<>(List.of(
            column("time_s", w -> w.sample().second()),
            column("group", w -> w.sample().group())));

    private PartitionLagCsv() {
    }

    public static void write(RunResult r, Writer out) throws IOException {
        // Partitions in first-seen order; a partition's cell is found through its sample's index.
        Map<TopicPartition, Integer> seen = new LinkedHashMap<>();
        for (PartitionLagSample s : r.partitionLags()) {
            for (TopicPartition tp : s.partitions()) {
                seen.putIfAbsent(tp, seen.size());
            }
        }
        List<Column<WideRow>> perPartition = new ArrayList<>();
        for (TopicPartition tp : seen.keySet()) {
            perPartition.add(column(tp.topic() + "-" + tp.partition(), w -> {
                Integer i = w.index().get(tp);
                return i == null ? null : w.sample().lags()[i];
            }));
        }
        // Samples share their partition list until it changes: one index per list.
        Map<List<TopicPartition>, Map<TopicPartition, Integer>> indexes = new IdentityHashMap<>();
        try (CsvTable.Rows<WideRow> rows = WIDE_COLUMNS.with(perPartition).open(out)) {
            for (PartitionLagSample s : r.partitionLags()) {
                rows.write(new WideRow(s, indexes.computeIfAbsent(s.partitions(), PartitionLagCsv::indexOf)));
            }
        }
    }

    public static void writeLong(RunResult r, Writer out) throws IOException {
        try (CsvTable.Rows<Cell> rows = LONG_COLUMNS.open(out)) {
            for (PartitionLagSample s : r.partitionLags()) {
                for (int i = 0; i < s.partitions().size(); i++) {
                    rows.write(new Cell(s, i));
                }
            }
        }
    }

    private static Map<TopicPartition, Integer> indexOf(List<TopicPartition> partitions) {
        Map<TopicPartition, Integer> index = new HashMap<>();
        for (int i = 0; i < partitions.size(); i++) {
            index.put(partitions.get(i), i);
        }
        return index;
    }
}
