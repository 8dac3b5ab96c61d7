package io.kgsim.replay.fidelity;

import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.Strategies;
import io.kgsim.sim.ScenarioVariants;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fidelity suite's cases: one scenario file per situation under
 * {@code src/test/resources/fidelity/}, each run under every strategy. CI runs one case per
 * strategy ({@link #CI}), chosen so that every strategy and the most telling situations are
 * covered; {@code -Dkgsim.fidelity=all} runs all of them, and {@code -Dkgsim.fidelity=crash,gc-long}
 * only the cases named ({@code crash/consumer-range}: that case under one strategy).
 *
 * <p>Actions fall at 13.5 s, 25.5 s, ...: half a heartbeat interval (3 s classic, 2 s consumer
 * protocol here) away from the members' heartbeat phase. When an action lands within a few
 * hundred ms of a heartbeat, whether that heartbeat or the next carries the news is decided by
 * the phase, and the real group's phase can differ from the simulation's by about 0.1 s (the
 * first assignment callback comes a poll turn earlier, the coordinator connection costs a few ms;
 * 0.2–0.5 s before each consumer JVM was warmed by a throwaway join), so the time to the last
 * change would jump by a whole interval on one side only: a fact about the case, not about the
 * model.
 */
final class FidelityCases {
    static final List<String> STRATEGIES = List.of("range", "roundrobin", "sticky", "cooperative-sticky", "consumer-uniform", "consumer-range");

    static final List<String> CASES = List.of("join-leave", "mixed-subscriptions", "simultaneous", "rolling-dynamic", "rolling-static",
            "crash", "static-back-in-time", "static-back-late", "gc-short", "gc-long", "poll-stall", "add-partitions");

    /**
     * What {@code mvn verify} runs: every strategy once, on situations where the protocols differ
     * most, and none whose verdict turns on an eager round's client time (every member revoking
     * everything at once: tens of ms per round on a real host, see the README's "Fidelity").
     */
    static final Map<String, String> CI = Map.of(
            "crash", "range",
            "static-back-late", "roundrobin",
            "rolling-static", "sticky",
            "join-leave", "cooperative-sticky",
            "gc-long", "consumer-uniform",
            "poll-stall", "consumer-range");

    /** One run of the suite: a case under a strategy. */
    record Run(String caseName, String strategy) {
        @Override
        public String toString() {
            return caseName + " / " + strategy;
        }

        Scenario scenario() throws ScenarioException {
            return ScenarioVariants.apply(ScenarioLoader.load(file(caseName)), null, Strategies.resolve(strategy));
        }
    }

    private FidelityCases() {
    }

    /**
     * The runs {@code kgsim.fidelity} asks for: "ci" (the default), "all", or a comma-separated
     * list of case names (every strategy) and {@code case/strategy} pairs (that one run).
     */
    static List<Run> selected() {
        String which = System.getProperty("kgsim.fidelity", "ci").strip();
        List<Run> runs = new ArrayList<>();
        for (String c : CASES) {
            for (String s : STRATEGIES) {
                boolean wanted = switch (which) {
                    case "all" -> true;
                    case "ci", "" -> s.equals(CI.get(c));
                    default -> Arrays.asList(which.split(",")).stream().map(String::strip)
                            .anyMatch(w -> w.equals(c) || w.equals(c + "/" + s));
                };
                if (wanted) {
                    runs.add(new Run(c, s));
                }
            }
        }
        return runs;
    }

    static Path file(String caseName) {
        try {
            return Path.of(FidelityCases.class.getResource("/fidelity/" + caseName + ".yaml").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no fidelity case " + caseName, e);
        }
    }

    /** Every case file, loaded: for the checks that must hold for all of them. */
    static List<Scenario> all() throws ScenarioException {
        List<Scenario> out = new ArrayList<>();
        for (String c : CASES) {
            out.add(ScenarioLoader.load(file(c)));
        }
        return out;
    }
}
