package io.kgsim.cli;

import io.kgsim.batch.ParallelRuns;
import io.kgsim.report.OutputsFailedException;
import io.kgsim.report.RunArtifacts;
import io.kgsim.report.TraceOptions;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.sim.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kgsim gallery}: runs every scenario of a directory and keeps, per scenario, its
 * {@code report.html} and {@code summary.json} (the rest is one {@code kgsim run} away), plus a
 * {@code README.md} that links each report with the scenario's description.
 */
@Command(name = "gallery", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Regenerate the report gallery: run every scenario of a directory and keep its report and summary.",
        footer = {"", "Writes into DIR: <scenario-name>/report.html and <scenario-name>/summary.json for every scenario, "
            + "and README.md, an index linking them. The only command that writes into reports/ by default."})
final class GalleryCommand implements Callable<Integer> {
    private static final List<String> KEPT = List.of("report.html", "summary.json");

    @Option(names = "--scenarios", paramLabel = "DIR", description = "Scenario directory (default: scenarios).")
    Path scenarios = Path.of("scenarios");

    @Option(names = "--out", paramLabel = "DIR", description = "Gallery directory (default: reports).")
    Path out = Path.of("reports");

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    /** The command's steps: load every scenario, check the gallery directory, run them all, write the index. */
    @Override
    public Integer call() throws IOException, InterruptedException {
        Console console = Console.of(spec);
        List<Scenario> loaded;
        try {
            loaded = loadScenarios();
        } catch (ScenarioException e) {
            return console.badInput(e.getMessage());
        }
        if (!Outputs.usable(out, "--out", console.err())) {
            return ExitCodes.BAD_INPUT;
        }
        List<RunResult> results;
        try {
            results = runAll(loaded, console.out());
        } catch (ScenarioFailed e) {
            console.error(e.getMessage());
            return e.getCause() instanceof OutputsFailedException ? ExitCodes.OUTPUT_FAILED : ExitCodes.SIMULATION_FAILED;
        }
        Files.writeString(out.resolve("README.md"), index(loaded, results), StandardCharsets.UTF_8);
        console.wrote(out.resolve("README.md"));
        return ExitCodes.OK;
    }

    /** Every .yaml file of {@code --scenarios}, in name order; none at all is bad input. */
    private List<Scenario> loadScenarios() throws IOException, ScenarioException {
        if (!Files.isDirectory(scenarios)) {
            throw new ScenarioException(null, "--scenarios: " + scenarios + (Files.exists(scenarios) ? " is not a directory" : " does not exist")
                    + "; name the directory holding the scenario .yaml files");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(scenarios)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Scenario> loaded = new ArrayList<>();
        for (Path f : files) {
            loaded.add(ScenarioLoader.load(f));
        }
        if (loaded.isEmpty()) {
            throw new ScenarioException(null, "--scenarios: " + scenarios + " holds no .yaml scenario");
        }
        return loaded;
    }

    /** A scenario of the gallery could not be run or rendered; the message names it. */
    private static final class ScenarioFailed extends Exception {
        ScenarioFailed(String scenario, Throwable cause) {
            super(scenario + ": " + cause.getMessage(), cause, false, false);
        }
    }

    /** Runs every scenario, one simulation per thread, and says "done" for each in order. */
    private List<RunResult> runAll(List<Scenario> loaded, PrintWriter stdout) throws InterruptedException, ScenarioFailed {
        List<RunResult> results = new ArrayList<>();
        try (ParallelRuns runs = new ParallelRuns(ParallelRuns.threads(threads.value(), loaded.size()))) {
            List<Callable<RunResult>> tasks = new ArrayList<>();
            for (Scenario s : loaded) {
                tasks.add(() -> runKeepingReport(s, out.resolve(s.name())));
            }
            List<Future<RunResult>> futures = runs.submitAll(tasks);
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    throw new ScenarioFailed(loaded.get(i).name(), e.getCause());
                }
                stdout.printf("  %-20s done%n", loaded.get(i).name());
                stdout.flush();
            }
        }
        return results;
    }

    /** One scenario's run, keeping only its report and summary. */
    private static RunResult runKeepingReport(Scenario s, Path dir) throws IOException {
        // The gallery keeps no trace: writing one only to delete it would cost the most time.
        RunResult r = RunArtifacts.runAndWrite(s, dir, null, null, new TraceOptions(TraceOptions.Mode.NONE, false));
        try (Stream<Path> written = Files.list(dir)) {
            for (Path p : written.toList()) {
                if (!KEPT.contains(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        return r;
    }

    /** README.md: a table linking each scenario's report, with what it shows and three of its figures. */
    private static String index(List<Scenario> loaded, List<RunResult> results) {
        StringBuilder index = new StringBuilder("# kgsim report gallery\n\n"
                + "Every scenario of `scenarios/`, run with its own seed and strategy. Each link opens a\n"
                + "self-contained `report.html` (charts inline); `summary.json` sits beside it. Regenerate\n"
                + "the whole gallery with `./kgsim gallery`; for a scenario's trace, CSVs and PNG charts run\n"
                + "`./kgsim run scenarios/<name>.yaml`.\n\n"
                + "| scenario | what it shows | rebalances | unowned partition-s | duplicated |\n|---|---|---:|---:|---:|\n");
        for (int i = 0; i < loaded.size(); i++) {
            Scenario s = loaded.get(i);
            RunResult r = results.get(i);
            index.append("| [").append(s.name()).append("](").append(s.name()).append("/report.html) | ")
                    .append(s.description().replace("|", "/")).append(" | ").append(r.rebalances()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", r.unownedPartitionUs() / 1e6)).append(" | ")
                    .append(r.recordsDuplicated()).append(" |\n");
        }
        return index.toString();
    }
}
