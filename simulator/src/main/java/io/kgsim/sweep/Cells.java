package io.kgsim.sweep;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the scenario of every point and strategy of a sweep through the scenario loader, point
 * by point (first axis slowest), strategy by strategy: the plan's cells, every one validated
 * before any run. An error names the point (and the strategy) it came from, and is located in
 * the sweep file: at the value the loader refused, or, when the loader blamed a value of the
 * scenario (a combination such as heartbeat.interval.ms against a varied session.timeout.ms),
 * at the varied value with the scenario's place in the message.
 */
final class Cells {
    private final String scenarioFile;
    private final YamlNode tree;
    private final List<SweepAxis> axes;
    private final Lineup lineup;

    Cells(String scenarioFile, YamlNode tree, List<SweepAxis> axes, Lineup lineup) {
        this.scenarioFile = scenarioFile;
        this.tree = tree;
        this.axes = List.copyOf(axes);
        this.lineup = lineup;
    }

    /** Point-major, then strategy: the order {@link SweepPlan} keeps its scenarios in. */
    List<Scenario> build(int points) throws ScenarioException {
        List<Scenario> out = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            int[] choice = choice(p);
            YamlNode t = tree;
            for (int a = 0; a < axes.size(); a++) {
                SweepAxis axis = axes.get(a);
                t = axis.target().with(t, axis.given().get(choice[a]), axis.at());
            }
            Scenario s;
            try {
                s = ScenarioLoader.fromTree(scenarioFile, t);
            } catch (ScenarioException e) {
                throw atPoint(e, p, points, choice, -1);
            }
            for (int i = 0; i < lineup.names().size(); i++) {
                try {
                    out.add(lineup.apply(s, i));
                } catch (ScenarioException e) {
                    throw atPoint(e, p, points, choice, i);
                }
            }
        }
        return out;
    }

    /** The value index of each axis at point {@code p}: the first axis varies slowest, as in {@link SweepPlan#points()}. */
    private int[] choice(int p) {
        int[] c = new int[axes.size()];
        int rest = p;
        for (int a = axes.size() - 1; a >= 0; a--) {
            int n = axes.get(a).values().size();
            c[a] = rest % n;
            rest /= n;
        }
        return c;
    }

    private ScenarioException atPoint(ScenarioException e, int p, int points, int[] choice, int strategy) {
        if (axes.isEmpty()) {
            return strategy < 0 ? e : new ScenarioException(e.location(), "strategy " + lineup.names().get(strategy) + ": " + bare(e));
        }
        List<String> values = new ArrayList<>();
        for (int a = 0; a < axes.size(); a++) {
            values.add(axes.get(a).target().path() + "=" + axes.get(a).values().get(choice[a]).text());
        }
        String where = "at point " + (p + 1) + " of " + points + " (" + String.join(", ", values) + ")"
                + (strategy < 0 ? "" : " with strategy " + lineup.names().get(strategy));
        Location l = e.location();
        boolean inSweep = l != null && axes.stream().anyMatch(a -> a.at().file().equals(l.file()));
        if (inSweep) {
            return new ScenarioException(l, bare(e) + ", " + where);
        }
        // The loader blamed the scenario's own value: point at what the sweep varied, and say where the other is.
        Location varied = axes.size() == 1 ? axes.get(0).values().get(choice[0]).location() : axes.get(0).at();
        return new ScenarioException(varied, bare(e) + ", " + where + (l == null ? "" : "; the scenario's value is at " + l));
    }

    /** The message without its location prefix. */
    static String bare(ScenarioException e) {
        String m = e.getMessage();
        String prefix = e.location() == null ? "" : e.location() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
