package io.kgsim.metrics;

import io.kgsim.cluster.DataPlane;
import io.kgsim.cluster.PartitionTable;
import io.kgsim.cluster.TopicProduction;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What happened to the records of one group, counted as consumers report their work and the
 * coordinator accepts commits:
 * <ul>
 * <li>{@code recordsDuplicated}: records processed again, below the highest offset the group
 *     had already processed in their partition (a crash or a move after processing but before
 *     the commit);
 * <li>{@code recordsLost}: records never processed whose offset a commit covered (skipped by
 *     {@code auto.offset.reset=latest}, or committed before being processed);
 * <li>throughput per virtual second, for the group and each member, with each batch's records
 *     spread evenly over the time it took to process them;
 * <li>record latency, from the instant a record was produced (the production fluid read
 *     backwards at its offset) to the instant it was processed, every processing counted
 *     (a duplicate is a record processed late), per virtual second of processing.
 * </ul>
 */
public final class DataPlaneLedger implements DataPlaneListener, GroupEventListener {
    private final String group;
    private final DataPlane data;
    private final PartitionTable<PartitionBook> books = new PartitionTable<>();
    private final Map<String, MemberBook> perMember = new LinkedHashMap<>();
    private double[] groupSecond = new double[64];
    private double[] crossRackSecond = new double[64];
    /** Per virtual second of processing, the latencies of the records processed in it (null: none). */
    private LatencyHistogram[] latencySecond = new LatencyHistogram[64];
    private LatencyHistogram latencyRun;
    /** The second most batches report to, looked up once. */
    private int lastSecond = -1;
    private LatencyHistogram lastSecondLatency;
    private long processed;
    private long duplicated;
    private long lost;
    private long crossRackBytes;

    public DataPlaneLedger(String group, DataPlane data) {
        this.group = group;
        this.data = data;
    }

    /**
     * One partition's account: the highest offset processed so far (everything below it was
     * processed at least once, but for the gaps) and the unprocessed ranges [from, to) left
     * behind when a consumer jumped ahead (auto.offset.reset=latest).
     */
    private final class PartitionBook implements PartitionSink, Progress {
        final TopicProduction production;
        final int partition;
        long highest;
        List<long[]> gaps;

        PartitionBook(TopicPartition tp) {
            this.production = data.topic(tp.topic());
            this.partition = tp.partition();
        }

        @Override
        public void processed(long from, long to, long firstUs, long lastUs) {
            if (to <= from) {
                return;
            }
            latency(to - from, firstUs, firstUs - production.producedAtUs(partition, from),
                    lastUs, lastUs - production.producedAtUs(partition, to - 1));
            processed += to - from;
            duplicated += Math.max(0, Math.min(to, highest) - from);
            if (from > highest) {
                if (gaps == null) {
                    gaps = new ArrayList<>();
                }
                gaps.add(new long[] {highest, from});
            }
            highest = Math.max(highest, to);
        }

        @Override
        public long processedUpTo() {
            return highest;
        }
    }

    /** How far a partition was processed, for samplers that read it every second. */
    public interface Progress {
        /** Highest processed offset + 1, 0 when never processed. */
        long processedUpTo();
    }

    /** The live progress of {@code tp}, looked up once. */
    public Progress progress(TopicPartition tp) {
        return books.computeIfAbsent(tp, PartitionBook::new);
    }

    @Override
    public PartitionSink partition(String g, TopicPartition tp) {
        return books.computeIfAbsent(tp, PartitionBook::new);
    }

    @Override
    public MemberSink member(String g, String member) {
        MemberBook known = perMember.get(member);
        return known != null ? known : new MemberBook(member);
    }

    /** One member's records per second; it joins the report at its first processed record. */
    private final class MemberBook implements MemberSink {
        final String member;
        double[] seconds;

        MemberBook(String member) {
            this.member = member;
        }

        @Override
        public void processed(long records, long startUs, long endUs) {
            if (records <= 0) {
                return;
            }
            groupSecond = spread(groupSecond, records, startUs, endUs);
            if (seconds == null) {
                seconds = new double[64];
                perMember.put(member, this);
            }
            seconds = spread(seconds, records, startUs, endUs);
        }

        @Override
        public void crossRackBytes(long bytes, long nowUs) {
            DataPlaneLedger.this.crossRackBytes += bytes;
            crossRackSecond = spread(crossRackSecond, bytes, nowUs, nowUs);
        }
    }

    /** A commit covering a gap makes its records lost: nobody will read them again. */
    @Override
    public void on(GroupEvent e) {
        if (e.type() != GroupEventType.OFFSETS_COMMITTED || !group.equals(e.group())) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> c : e.offsets().entrySet()) {
            PartitionBook book = books.get(c.getKey());
            List<long[]> g = book == null ? null : book.gaps;
            if (g == null) {
                continue;
            }
            long committed = c.getValue();
            for (Iterator<long[]> it = g.iterator(); it.hasNext(); ) {
                long[] gap = it.next();
                if (gap[0] >= committed) {
                    continue;
                }
                long covered = Math.min(committed, gap[1]) - gap[0];
                lost += covered;
                gap[0] += covered;
                if (gap[0] >= gap[1]) {
                    it.remove();
                }
            }
        }
    }

    /**
     * {@code records} processed evenly over [firstUs, lastUs], the first {@code firstLatency} µs
     * after it was produced, the last {@code lastLatency}: latencies are linear in between, so each
     * second's share is a uniform spread between the latencies at its edges.
     */
    private void latency(long records, long firstUs, double firstLatency, long lastUs, double lastLatency) {
        int first = (int) (firstUs / 1_000_000L);
        int last = (int) (lastUs / 1_000_000L);
        if (last >= latencySecond.length) {
            latencySecond = Arrays.copyOf(latencySecond, Math.max(last + 1, latencySecond.length * 2));
        }
        if (first == last) {
            second(first).addUniform(firstLatency, lastLatency, records);
            return;
        }
        double span = lastUs - firstUs;
        for (int s = first; s <= last; s++) {
            long from = Math.max(firstUs, s * 1_000_000L);
            long to = Math.min(lastUs, (s + 1) * 1_000_000L);
            double a = firstLatency + (lastLatency - firstLatency) * (from - firstUs) / span;
            double b = firstLatency + (lastLatency - firstLatency) * (to - firstUs) / span;
            second(s).addUniform(a, b, records * (to - from) / span);
        }
    }

    private LatencyHistogram second(int s) {
        if (s == lastSecond) {
            return lastSecondLatency;
        }
        LatencyHistogram h = latencySecond[s];
        if (h == null) {
            h = new LatencyHistogram();
            latencySecond[s] = h;
        }
        lastSecond = s;
        lastSecondLatency = h;
        return h;
    }

    /** Latencies of the records processed during virtual second {@code s}, null when none were. */
    public LatencyHistogram latencyInSecond(int s) {
        return s < latencySecond.length ? latencySecond[s] : null;
    }

    /** Latencies of every record processed in the run (ask once the run is over). */
    public LatencyHistogram recordLatency() {
        if (latencyRun == null) {
            latencyRun = new LatencyHistogram();
            for (LatencyHistogram h : latencySecond) {
                if (h != null) {
                    latencyRun.add(h);
                }
            }
        }
        return latencyRun;
    }

    /** Adds {@code amount} spread evenly over [startUs, endUs] into one bucket per second. */
    private static double[] spread(double[] buckets, double amount, long startUs, long endUs) {
        int last = (int) (endUs / 1_000_000L);
        if (last >= buckets.length) {
            buckets = Arrays.copyOf(buckets, Math.max(last + 1, buckets.length * 2));
        }
        if (endUs <= startUs) {
            buckets[last] += amount;
            return buckets;
        }
        double perUs = amount / (endUs - startUs);
        long t = startUs;
        while (t < endUs) {
            int s = (int) (t / 1_000_000L);
            long edge = Math.min(endUs, (s + 1) * 1_000_000L);
            buckets[s] += perUs * (edge - t);
            t = edge;
        }
        return buckets;
    }

    public long processed() {
        return processed;
    }

    public long duplicated() {
        return duplicated;
    }

    public long lost() {
        return lost;
    }

    public long crossRackBytes() {
        return crossRackBytes;
    }

    /** Records processed during virtual second {@code s} (from s to s+1). */
    public double processedInSecond(int s) {
        return s < groupSecond.length ? groupSecond[s] : 0;
    }

    public double crossRackBytesInSecond(int s) {
        return s < crossRackSecond.length ? crossRackSecond[s] : 0;
    }

    public double memberProcessedInSecond(String member, int s) {
        MemberBook m = perMember.get(member);
        return m == null || s >= m.seconds.length ? 0 : m.seconds[s];
    }

    /** Members that processed anything, in first-seen order. */
    public java.util.Set<String> memberNames() {
        return java.util.Collections.unmodifiableSet(perMember.keySet());
    }

    /** Highest processed offset + 1 per partition, 0 when never processed. */
    public long processedUpTo(TopicPartition tp) {
        PartitionBook b = books.get(tp);
        return b == null ? 0 : b.highest;
    }
}
