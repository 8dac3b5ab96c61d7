package io.kgsim.spark;

import io.kgsim.cli.Main;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of {@code kgsim-spark.jar} under spark-submit: {@code kgsim sweep} with the
 * spark engine, the arguments being the sweep's ({@code SWEEP.yaml --out DIR --seeds 1..50 ...}).
 */
public final class SparkSweepMain {
    private SparkSweepMain() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(Main.execute(sweepArgs(args)));
    }

    /** {@code sweep ARGS --engine spark}; an {@code --engine} the user gave is kept (and checked by the command). */
    static String[] sweepArgs(String[] args) {
        List<String> all = new ArrayList<>();
        all.add("sweep");
        all.addAll(Arrays.asList(args));
        boolean engineGiven = all.stream().anyMatch(a -> a.equals("--engine") || a.startsWith("--engine="));
        if (!engineGiven) {
            all.add("--engine");
            all.add("spark");
        }
        return all.toArray(String[]::new);
    }
}
