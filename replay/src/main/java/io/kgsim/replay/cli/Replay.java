package io.kgsim.replay.cli;

import io.kgsim.replay.broker.BrokerTarget;
import io.kgsim.replay.compare.ReplaySimulation;
import io.kgsim.replay.play.RealRun;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One replay, start to end: the real run on a broker, then the simulation of the same scenario
 * with the member ids the real run got, compared step by step. The broker target is closed (its
 * topics and group deleted, an embedded broker stopped) before the simulation starts, whatever
 * happens, so a failed real run leaves nothing behind.
 */
public final class Replay {
    private Replay() {
    }

    /** Both sides: what the real run recorded and what the simulation gave. */
    public record Result(Recording real, ReplaySimulation.Outcome simulation) {
    }

    /**
     * @param scenario the scenario as replayed ({@code --strategy} and {@code --seed} applied),
     *                 already checked with {@link RealRun#check}
     * @param target   opens the broker target; called once
     * @param dir      where the simulation's outputs, replay.json and report.html go
     * @param progress hears one line per phase of the real run
     * @throws io.kgsim.replay.ReplayException when the real run fails (nothing is written then)
     * @throws ScenarioException when a member id the real broker gave does not fit the scenario
     */
    public static Result run(Scenario scenario, Supplier<BrokerTarget> target, Path dir, Consumer<String> progress)
            throws IOException, ScenarioException {
        return run(scenario, target, List.of(), dir, progress);
    }

    /**
     * {@link #run(Scenario, Supplier, Path, Consumer)} with a user's assignor classes: the caller
     * has made them this thread's context class loader (where the simulation and an embedded
     * broker load assignors), and {@code userClasspath} puts them on each consumer JVM's class path.
     */
    public static Result run(Scenario scenario, Supplier<BrokerTarget> target, List<Path> userClasspath, Path dir, Consumer<String> progress)
            throws IOException, ScenarioException {
        Recording real;
        try (BrokerTarget t = target.get()) {
            real = RealRun.play(scenario, t, userClasspath, progress);
        }
        progress.accept("simulating the same scenario with the real member ids");
        return new Result(real, ReplaySimulation.run(scenario, real, dir, null));
    }
}
