package io.kgsim.cli;

import io.kgsim.stats.SeedList;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --seeds SEEDS} and {@code --keep-runs}, checked as they are parsed (bad input exits 2 before anything runs). */
final class SeedsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private SeedList seeds;

    @Option(names = "--keep-runs", description = "With --seeds: also write each run's full outputs, into DIR/runs/<strategy>/seed-<n>/.")
    boolean keepRuns;

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "Run every seed of SEEDS and write statistics over them: "
            + "N (seeds 1..N), a range A..B, or a list a,b,c.")
    void set(String text) {
        try {
            seeds = SeedList.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--seeds: " + e.getMessage());
        }
    }

    /** The seeds asked for, or null without {@code --seeds}. */
    SeedList value() {
        return seeds;
    }

    /**
     * The combinations that make no sense, refused before anything is simulated.
     *
     * @param seed the command's {@code --seed}, or null
     */
    void check(Long seed) {
        if (seeds != null && seed != null) {
            throw new ParameterException(spec.commandLine(), "--seed and --seeds exclude each other: --seed N runs one seed, --seeds many "
                    + "(--seeds " + seed + ".." + seed + " runs seed " + seed + " alone with statistics)");
        }
        if (seeds == null && keepRuns) {
            throw new ParameterException(spec.commandLine(), "--keep-runs keeps the runs of --seeds; without --seeds every run's outputs are written anyway");
        }
    }
}
