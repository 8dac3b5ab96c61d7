package io.kgsim.sweep;

import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Location;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategies;
import io.kgsim.scenario.Strategy;
import io.kgsim.scenario.YamlNode;
import io.kgsim.sim.ScenarioVariants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The strategies a sweep runs, in order, each once: the command line's {@code --strategies},
 * else the sweep file's {@code strategies}, else the scenario's {@code compare} list (as
 * {@code kgsim compare} takes it), else the scenario's own strategy, unchanged (as {@code kgsim
 * run} without {@code --strategy}).
 *
 * @param strategies per name, the strategy every group is switched to; null for the scenario's own
 * @param at per name, where it is written in the sweep file; null when it comes from elsewhere
 */
record Lineup(List<String> names, List<Strategy> strategies, List<Location> at, String origin) {
    Lineup {
        names = List.copyOf(names);
        // Nulls stand for "the scenario's own" and "not in the sweep file", which List.copyOf refuses.
        strategies = Collections.unmodifiableList(new ArrayList<>(strategies));
        at = Collections.unmodifiableList(new ArrayList<>(at));
    }

    static Lineup of(SweepFile file, List<String> override, Scenario base) throws ScenarioException {
        Builder b = new Builder();
        if (override != null && !override.isEmpty()) {
            for (String name : override) {
                b.add(name.trim(), null, "--strategies");
            }
            b.origin = "--strategies";
        } else if (file.strategies() != null) {
            for (YamlNode.Scalar s : file.strategies()) {
                b.add(s.text(), s.location(), "'strategies'");
            }
            b.origin = "the sweep file's strategies";
        } else if (!base.compare().isEmpty()) {
            for (String name : base.compare()) {
                b.add(name, null, "the scenario's compare list");
            }
            b.origin = "the scenario's compare list";
        } else {
            b.names.add(ownLabel(base));
            b.strategies.add(null);
            b.at.add(null);
            b.origin = "the scenario's own strategy";
        }
        Lineup lineup = new Lineup(b.names, b.strategies, b.at, b.origin);
        lineup.check(base);
        return lineup;
    }

    /** The scenario with strategy {@code i} applied (every group switched to it), checked as {@code compare} checks it. */
    Scenario apply(Scenario s, int i) throws ScenarioException {
        Strategy st = strategies.get(i);
        return st == null ? s : ScenarioVariants.apply(s, null, st);
    }

    /** Each strategy on the scenario as written: another protocol may refuse its fixed member ids. */
    private void check(Scenario base) throws ScenarioException {
        for (int i = 0; i < names.size(); i++) {
            try {
                apply(base, i);
            } catch (ScenarioException e) {
                Location l = at.get(i);
                throw new ScenarioException(l != null ? l : e.location(), "strategy " + names.get(i) + " (" + origin + "): "
                        + Cells.bare(e) + (l != null && e.location() != null ? " (at " + e.location() + ")" : ""));
            }
        }
    }

    /** The scenario's own strategies, as {@code kgsim run} names them: each group's list, distinct ones joined by ';'. */
    private static String ownLabel(Scenario s) {
        Set<String> names = new LinkedHashSet<>();
        for (GroupSpec g : s.groups()) {
            names.add(g.config().strategyNames());
        }
        return String.join(";", names);
    }

    private static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Strategy> strategies = new ArrayList<>();
        private final List<Location> at = new ArrayList<>();
        private String origin;

        void add(String name, Location where, String option) throws ScenarioException {
            Strategy st;
            try {
                st = Strategies.resolve(name);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(where, option + ": " + e.getMessage());
            }
            if (!names.contains(name)) {
                names.add(name);
                strategies.add(st);
                at.add(where);
            }
        }
    }
}
