package io.kgsim.cli;

import io.kgsim.engine.SimulationException;
import io.kgsim.report.OutputFailure;
import io.kgsim.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code run}, {@code compare}, {@code gallery} and {@code replay} print, in one place so that they say the
 * same thing the same way: their report on stdout, and each problem on stderr as one line
 * starting {@code kgsim: }. The methods that report a failure return the exit code that goes
 * with it, so a command ends with {@code return console.badInput(...)}.
 */
public record Console(PrintWriter out, PrintWriter err) {
    public static Console of(CommandSpec spec) {
        return new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** One problem, on stderr. */
    public void error(String message) {
        err.println("kgsim: " + message);
    }

    /** The scenario or the command line cannot be run as given (nothing has been simulated). */
    public int badInput(String message) {
        error(message);
        return ExitCodes.BAD_INPUT;
    }

    /** The scenario's own warnings (settings accepted but not modelled, ...), before it runs. */
    public void scenarioWarnings(Scenario s) {
        s.warnings().forEach(w -> error("warning: " + w));
    }

    /**
     * A simulation stopped on an error: the error, after {@code label} (a comparison names the
     * strategy), and the {@code kgsim run} command that replays the very same run.
     */
    int simulationFailed(String label, SimulationException e, Path scenario, String strategy, UserClasspath classpath) {
        error(label + e.getMessage());
        error("replay with: kgsim run " + scenario + " --seed " + e.seed() + (strategy != null ? " --strategy " + strategy : "")
                + classpath.replayArguments());
        return ExitCodes.SIMULATION_FAILED;
    }

    /** What could not be rendered, one line each, and that everything else was written. */
    public int outputsFailed(List<OutputFailure> failed) {
        for (OutputFailure f : failed) {
            error(f.message());
        }
        error("summary.json, trace.jsonl, the CSVs and every other output were written; "
                + "this is a kgsim bug: please report it with the scenario and seed (exit code " + ExitCodes.OUTPUT_FAILED + ")");
        err.flush();
        return ExitCodes.OUTPUT_FAILED;
    }

    /** One file written, on stdout. */
    public void wrote(Path file) {
        out.printf("  wrote %s%n", file);
    }
}
