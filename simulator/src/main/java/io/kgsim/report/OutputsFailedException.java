package io.kgsim.report;

import io.kgsim.sim.RunResult;
import java.nio.file.Path;
import java.util.List;

/**
 * The run finished and its data files ({@code summary.json}, {@code trace.jsonl}, the CSVs)
 * are written, but some outputs could not be: each failure says which and why. The outputs
 * that did render are written too.
 */
public final class OutputsFailedException extends RuntimeException {
    private final transient RunResult result;
    private final Path dir;
    private final transient List<OutputFailure> failures;

    public OutputsFailedException(RunResult result, Path dir, List<OutputFailure> failures) {
        super(dir + ": " + failures.get(0).message() + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : ""));
        this.result = result;
        this.dir = dir;
        this.failures = List.copyOf(failures);
    }

    public RunResult result() {
        return result;
    }

    public Path dir() {
        return dir;
    }

    public List<OutputFailure> failures() {
        return failures;
    }
}
