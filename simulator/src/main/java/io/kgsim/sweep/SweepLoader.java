package io.kgsim.sweep;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.YamlNode;
import io.kgsim.scenario.YamlReader;
import io.kgsim.stats.Metric;
import io.kgsim.stats.RunFigures;
import io.kgsim.stats.SeedList;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a sweep file, applies its values to the scenario and validates every cell before any run:
 * the sweep file's own keys, each path against the scenario, each value through the scenario
 * loader (so a value Kafka refuses gets the loader's message, located in the sweep file), each
 * strategy, and every point with every strategy. The first problem is thrown; nothing runs.
 */
public final class SweepLoader {
    /** The most runs one sweep may hold: a mistyped range must not queue millions. */
    public static final long MAX_RUNS = 100_000;
    /** The most scenarios (points x strategies) one sweep builds and keeps before it runs. */
    public static final int MAX_CELLS = 10_000;
    /** The figure charts show unless the sweep file or the command line names another. */
    public static final String DEFAULT_METRIC = "unownedPartitionMs";
    /** Seeds 1..10 unless the sweep file or the command line says otherwise. */
    public static final String DEFAULT_SEEDS = "10";

    private SweepLoader() {
    }

    /**
     * Reads {@code sweepFile} and the scenario it names, with the command line's overrides (each null when not given).
     *
     * @throws ScenarioException located at the sweep or scenario file's line and column where there is one
     */
    public static SweepPlan load(Path sweepFile, String seeds, List<String> strategies, String metric) throws ScenarioException {
        String sweepText = read(sweepFile, null, "sweep");
        SweepFile file = SweepFile.read(sweepFile.toString(), sweepText);
        Path scenario = scenarioPath(sweepFile, file.scenario().text());
        String scenarioText = read(scenario, file.scenario().location(), "scenario");
        List<String> strategyOverride = strategies == null || strategies.isEmpty() ? null : strategies;
        return fromSource(new SweepSource(sweepFile.toString(), sweepText, scenario.toString(), scenarioText, seeds, strategyOverride, metric));
    }

    /** The plan {@code source} describes, the same in every process that builds it (no file is read). */
    public static SweepPlan fromSource(SweepSource source) throws ScenarioException {
        SweepFile file = SweepFile.read(source.sweepFile(), source.sweepText());
        YamlNode scenarioTree = YamlReader.read(source.scenarioFile(), new StringReader(source.scenarioText()));
        Scenario base = ScenarioLoader.fromTree(source.scenarioFile(), scenarioTree);
        Lineup lineup = Lineup.of(file, source.strategies(), base);
        SeedList seeds = seeds(file, source.seeds());
        String metric = metric(file, source.metric());
        List<SweepAxis> axes = axes(file, scenarioTree, lineup.names().size() * (long) seeds.size());
        BigInteger points = BigInteger.ONE;
        for (SweepAxis a : axes) {
            points = points.multiply(BigInteger.valueOf(a.values().size()));
        }
        checkSize(file, points, lineup.names().size(), seeds.size());
        List<Axis> planAxes = new ArrayList<>();
        axes.forEach(a -> planAxes.add(a.axis()));
        List<Scenario> scenarios = new Cells(source.scenarioFile(), scenarioTree, axes, lineup).build(points.intValueExact());
        return new SweepPlan(source, name(file), planAxes, lineup.names(), seeds, metric, scenarios);
    }

    private static String read(Path path, Location from, String what) throws ScenarioException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(from, "cannot read " + what + " '" + path + "': no such file"
                    + (from == null ? "" : " (the path is relative to the sweep file)"));
        } catch (IOException e) {
            throw new ScenarioException(from, "cannot read " + what + " '" + path + "': " + e.getMessage());
        }
    }

    /** The scenario's path: relative to the sweep file's directory. */
    private static Path scenarioPath(Path sweepFile, String scenario) {
        Path p = Path.of(scenario.trim());
        Path dir = sweepFile.getParent();
        return p.isAbsolute() || dir == null ? p.normalize() : dir.resolve(p).normalize();
    }

    /** The file's {@code name}, else its file name without {@code .yaml}. */
    private static String name(SweepFile file) throws ScenarioException {
        if (file.name() == null) {
            Path p = Path.of(file.file()).getFileName();
            String n = p == null ? "sweep" : p.toString();
            return n.replaceFirst("\\.ya?ml$", "");
        }
        String name = file.name().text().trim();
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ScenarioException(file.name().location(), "'name' may hold only letters, digits, '.', '_' and '-' (it names the "
                    + "output directory), found '" + name + "'");
        }
        return name;
    }

    private static SeedList seeds(SweepFile file, String override) throws ScenarioException {
        if (override != null) {
            try {
                return SeedList.parse(override);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(null, "--seeds: " + e.getMessage());
            }
        }
        YamlNode n = file.seeds();
        if (n == null) {
            return SeedList.parse(DEFAULT_SEEDS);
        }
        String text;
        if (n instanceof YamlNode.Sequence seq) {
            List<String> parts = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                if (!(item instanceof YamlNode.Scalar s) || s.isNull()) {
                    throw new ScenarioException(item.location(), "'seeds' expects whole numbers in its list, found " + item.kind());
                }
                parts.add(s.text());
            }
            text = String.join(",", parts);
        } else {
            text = ((YamlNode.Scalar) n).text();
        }
        try {
            return SeedList.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(n.location(), "'seeds': " + e.getMessage());
        }
    }

    private static String metric(SweepFile file, String override) throws ScenarioException {
        String name = override != null ? override.trim() : file.metric() != null ? file.metric().text().trim() : DEFAULT_METRIC;
        List<String> known = RunFigures.METRICS.stream().map(Metric::name).toList();
        if (!known.contains(name)) {
            String where = override != null ? "--metric: " : "'metric': ";
            throw new ScenarioException(override != null ? null : file.metric().location(), where + "unknown figure '" + name + "'"
                    + io.kgsim.scenario.Suggestions.didYouMean(name, known) + " (known: " + String.join(", ", known) + ")");
        }
        return name;
    }

    /** Each {@code vary} entry resolved against the scenario and expanded; two paths to one value are refused. */
    private static List<SweepAxis> axes(SweepFile file, YamlNode scenarioTree, long runsPerPoint) throws ScenarioException {
        List<SweepAxis> axes = new ArrayList<>();
        for (SweepFile.Vary v : file.vary()) {
            ScenarioPath.Target target = ScenarioPath.resolve(scenarioTree, v.path(), v.at());
            for (SweepAxis other : axes) {
                if (other.target().canonical().equals(target.canonical())) {
                    throw new ScenarioException(v.at(), "vary '" + v.path() + "' names the same value as '" + other.target().path()
                            + "' (line " + other.at().line() + ")");
                }
            }
            List<YamlNode.Scalar> values = AxisValues.expand(v, Math.max(1, MAX_RUNS / Math.max(1, runsPerPoint)));
            axes.add(SweepAxis.of(target, v.at(), values));
        }
        return axes;
    }

    private static void checkSize(SweepFile file, BigInteger points, int strategies, int seeds) throws ScenarioException {
        Location at = !file.vary().isEmpty() ? file.vary().get(0).at() : file.seeds() != null ? file.seeds().location() : null;
        BigInteger cells = points.multiply(BigInteger.valueOf(strategies));
        BigInteger runs = cells.multiply(BigInteger.valueOf(seeds));
        String shape = points + " points x " + strategies + " strateg" + (strategies == 1 ? "y" : "ies") + " x " + seeds + " seed"
                + (seeds == 1 ? "" : "s");
        if (runs.compareTo(BigInteger.valueOf(MAX_RUNS)) > 0) {
            throw new ScenarioException(at, "the sweep has " + runs + " runs (" + shape + "), more than the " + MAX_RUNS
                    + " one sweep may hold: use fewer values, strategies or seeds, or split it into several sweeps");
        }
        if (cells.compareTo(BigInteger.valueOf(MAX_CELLS)) > 0) {
            throw new ScenarioException(at, "the sweep has " + cells + " scenarios to check before it runs (" + shape + "), more than the "
                    + MAX_CELLS + " one sweep may hold: use fewer values or strategies, or split it into several sweeps");
        }
    }
}
