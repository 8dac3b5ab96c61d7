package io.kgsim.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --threads N}, checked as it is parsed: a pool needs at least one thread. */
final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Integer threads;

    @Option(names = "--threads", paramLabel = "N", description = "Simulations run at once (default: the number of cores); "
            + "the outputs are the same bytes whatever the number.")
    void set(int n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + n);
        }
        threads = n;
    }

    /** The requested number, or null for the default. */
    Integer value() {
        return threads;
    }
}
