package io.kgsim.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics over seeds of every figure of {@link RunFigures#METRICS}, for strategies run on the
 * same seeds: what {@code compare --seeds} and {@code run --seeds} write, and what a sweep's cell
 * or a distributed job computes from collected figures. Depends only on the figures: the runs'
 * order of completion, and whoever ran them, do not matter.
 */
public record SeedStatistics(List<String> strategies, List<Long> seeds, List<MetricStatistics> metrics) {

    /**
     * @param runs one per strategy and seed, in any order
     * @throws IllegalArgumentException when a (strategy, seed) is missing, repeated or unknown
     */
    public static SeedStatistics of(List<String> strategies, List<Long> seeds, List<RunFigures> runs) {
        Map<String, Integer> strategyIndex = index(strategies);
        Map<Long, Integer> seedIndex = index(seeds);
        RunFigures[][] grid = new RunFigures[strategies.size()][seeds.size()];
        for (RunFigures r : runs) {
            Integer s = strategyIndex.get(r.strategy());
            Integer k = seedIndex.get(r.seed());
            if (s == null || k == null) {
                throw new IllegalArgumentException("a run of " + r.strategy() + " with seed " + r.seed() + " was not asked for");
            }
            if (grid[s][k] != null) {
                throw new IllegalArgumentException("two runs of " + r.strategy() + " with seed " + r.seed());
            }
            grid[s][k] = r;
        }
        List<MetricStatistics> metrics = new ArrayList<>();
        for (int m = 0; m < RunFigures.METRICS.size(); m++) {
            double[][] values = new double[strategies.size()][seeds.size()];
            for (int s = 0; s < strategies.size(); s++) {
                for (int k = 0; k < seeds.size(); k++) {
                    if (grid[s][k] == null) {
                        throw new IllegalArgumentException("no run of " + strategies.get(s) + " with seed " + seeds.get(k));
                    }
                    values[s][k] = grid[s][k].value(m);
                }
            }
            metrics.add(MetricStatistics.of(RunFigures.METRICS.get(m), values));
        }
        return new SeedStatistics(List.copyOf(strategies), List.copyOf(seeds), List.copyOf(metrics));
    }

    private static <T> Map<T, Integer> index(List<T> keys) {
        Map<T, Integer> index = new HashMap<>(); // looked up only, never iterated
        for (int i = 0; i < keys.size(); i++) {
            if (index.put(keys.get(i), i) != null) {
                throw new IllegalArgumentException(keys.get(i) + " is given twice");
            }
        }
        return index;
    }

    /** The statistics of the figure called {@code name}. */
    public MetricStatistics metric(String name) {
        return metrics.stream().filter(m -> m.metric().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure called " + name));
    }
}
