package io.kgsim.cluster;

import io.kgsim.scenario.Skew;
import java.util.Arrays;

/**
 * Production into one topic as a fluid: between two rate changes partition p grows at
 * {@code rate * weight[p]} records per second, so its log-end offset at any instant is a
 * closed-form expression and producing costs no events at all. A rate change, a burst or new
 * partitions rebase every partition at that instant.
 */
public final class TopicProduction {
    private final String topic;
    private final Skew skew;
    private double ratePerSecond;
    private double[] weights;
    /** Records produced into each partition up to {@link #baseUs}, as a fluid amount. */
    private double[] base;
    private long baseUs;
    /**
     * Every stretch of constant rates so far, oldest first, the current one last: when a record
     * was produced is read back from it (record latency). Rate changes are timeline actions, so
     * the list stays short.
     */
    private final java.util.List<Stretch> history = new java.util.ArrayList<>();
    /** Microseconds per record of each partition in the current stretch (infinite when idle). */
    private double[] usPerRecord;

    /** From {@code startUs} on, partition p held {@code base[p]} and grew at {@code rates[p]} per second. */
    private record Stretch(long startUs, double[] base, double[] rates) {
    }

    public TopicProduction(String topic, int partitions, double ratePerSecond, Skew skew) {
        this.topic = topic;
        this.skew = skew;
        this.ratePerSecond = ratePerSecond;
        this.weights = weights(skew, partitions);
        this.base = new double[partitions];
        openStretch();
    }

    private void openStretch() {
        double[] rates = new double[weights.length];
        usPerRecord = new double[weights.length];
        for (int p = 0; p < rates.length; p++) {
            rates[p] = partitionRate(p);
            usPerRecord[p] = 1e6 / rates[p];
        }
        history.add(new Stretch(baseUs, base.clone(), rates));
    }

    /**
     * When the record at {@code offset} of partition {@code p} was produced: the instant the fluid
     * reached {@code offset + 1} records (the inverse of {@link #logEndOffset}), in microseconds.
     */
    public double producedAtUs(int p, long offset) {
        double target = offset + 1 - 1e-9;
        if (base[p] < target && usPerRecord[p] < Double.POSITIVE_INFINITY) {
            // Produced in the current stretch: every batch's records but a duplicate's.
            return baseUs + (target - base[p]) * usPerRecord[p];
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            Stretch s = history.get(i);
            double from = p < s.base.length ? s.base[p] : 0;
            if (from >= target && i > 0) {
                continue;
            }
            double rate = p < s.rates.length ? s.rates[p] : 0;
            if (from >= target || rate <= 0) {
                return s.startUs;
            }
            double t = s.startUs + (target - from) / rate * 1e6;
            return i + 1 < history.size() ? Math.min(t, history.get(i + 1).startUs) : t;
        }
        return 0;
    }

    /** Normalised weights: uniform, Zipf (partition i gets 1/(i+1)^s) or explicit. */
    static double[] weights(Skew skew, int partitions) {
        double[] w = new double[partitions];
        if (skew instanceof Skew.Zipf z) {
            for (int i = 0; i < partitions; i++) {
                w[i] = 1.0 / Math.pow(i + 1, z.exponent());
            }
        } else if (skew instanceof Skew.Weights ws) {
            double mean = ws.weights().stream().mapToDouble(Double::doubleValue).average().orElse(1);
            for (int i = 0; i < partitions; i++) {
                // Partitions added later than the listed weights get the mean weight.
                w[i] = i < ws.weights().size() ? ws.weights().get(i) : mean;
            }
        } else {
            Arrays.fill(w, 1.0);
        }
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        for (int i = 0; i < partitions; i++) {
            w[i] = sum == 0 ? 0 : w[i] / sum;
        }
        return w;
    }

    public String topic() {
        return topic;
    }

    public int partitions() {
        return weights.length;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Records per second into partition {@code p} right now. */
    public double partitionRate(int p) {
        return ratePerSecond * weights[p];
    }

    /** Fluid amount produced into {@code p} by {@code nowUs}. */
    public double produced(int p, long nowUs) {
        return base[p] + partitionRate(p) * (nowUs - baseUs) / 1e6;
    }

    /** The log-end offset: whole records produced into {@code p} by {@code nowUs}. */
    public long logEndOffset(int p, long nowUs) {
        return (long) Math.floor(produced(p, nowUs) + 1e-9);
    }

    /**
     * The earliest instant at or after {@code nowUs} when partition {@code p} holds more than
     * {@code offset} records, or {@link Long#MAX_VALUE} if nothing is produced into it.
     */
    public long timeWhenAbove(int p, long offset, long nowUs) {
        if (logEndOffset(p, nowUs) > offset) {
            return nowUs;
        }
        double r = partitionRate(p);
        if (r <= 0) {
            return Long.MAX_VALUE;
        }
        double needed = offset + 1 - base[p];
        long t = baseUs + (long) Math.ceil(needed / r * 1e6);
        return Math.max(t, nowUs);
    }

    public void setRate(long nowUs, double newRate) {
        rebase(nowUs);
        ratePerSecond = newRate;
        openStretch();
    }

    /** New partitions start empty; production spreads over all of them from now on. */
    public void addPartitions(long nowUs, int newCount) {
        rebase(nowUs);
        base = Arrays.copyOf(base, newCount);
        weights = weights(skew, newCount);
        openStretch();
    }

    private void rebase(long nowUs) {
        for (int p = 0; p < base.length; p++) {
            base[p] = produced(p, nowUs);
        }
        baseUs = nowUs;
    }
}
