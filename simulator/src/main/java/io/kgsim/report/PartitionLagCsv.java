package io.kgsim.report;

import io.kgsim.metrics.TimeSeriesRecorder.PartitionLagSample;
import io.kgsim.sim.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code partition-lag.csv}: each partition's lag (log-end offset minus committed offset), one
 * row per group and sampled second, one column per partition ({@code topic-partition}, empty
 * where the partition did not exist yet). Every second, unless partitions x seconds would pass
 * about 500,000 cells; then every n-th second.
 */
public final class PartitionLagCsv {
    private PartitionLagCsv() {
    }

    public static void write(RunResult r, Writer out) throws IOException {
        Map<TopicPartition, Integer> columns = new LinkedHashMap<>();
        for (PartitionLagSample s : r.partitionLags()) {
            for (TopicPartition tp : s.partitions()) {
                columns.putIfAbsent(tp, columns.size());
            }
        }
        StringBuilder header = new StringBuilder("time_s,group");
        for (TopicPartition tp : columns.keySet()) {
            header.append(',').append(tp.topic()).append('-').append(tp.partition());
        }
        out.write(header.append('\n').toString());
        for (PartitionLagSample s : r.partitionLags()) {
            List<String> cells = new ArrayList<>(java.util.Collections.nCopies(columns.size(), ""));
            for (int i = 0; i < s.partitions().size(); i++) {
                cells.set(columns.get(s.partitions().get(i)), Long.toString(s.lags()[i]));
            }
            out.write(s.second() + "," + s.group() + "," + String.join(",", cells) + "\n");
        }
    }
}
