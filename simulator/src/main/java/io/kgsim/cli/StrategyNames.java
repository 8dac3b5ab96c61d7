package io.kgsim.cli;

import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.Strategies;
import io.kgsim.scenario.Strategy;
import io.kgsim.sim.ScenarioVariants;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Strategy names on the command line: what the shell completes after {@code --strategy} and
 * {@code --strategies} (the built-in names), and what a name given there resolves to.
 */
public final class StrategyNames implements Iterable<String> {
    /** The strategy {@code name} means; an unknown one is bad input that names {@code option}. */
    public static Strategy resolve(String name, String option) throws ScenarioException {
        try {
            return Strategies.resolve(name);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(null, option + ": " + e.getMessage());
        }
    }

    /** The scenario file with {@code --seed} and {@code --strategy} applied (either may be null), as run and replay read it. */
    public static Scenario loadWith(Path scenario, Long seed, String strategy) throws ScenarioException {
        Scenario s = ScenarioLoader.load(scenario);
        Strategy override = strategy != null ? resolve(strategy, "--strategy") : null;
        return ScenarioVariants.apply(s, seed, override);
    }

    @Override
    public Iterator<String> iterator() {
        return Strategies.builtInNames().iterator();
    }
}
