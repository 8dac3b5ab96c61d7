package io.kgsim.replay.cli;

import io.kgsim.cli.Console;
import io.kgsim.cli.ExitCodes;
import io.kgsim.cli.Outputs;
import io.kgsim.cli.StrategyNames;
import io.kgsim.cli.UserClasspath;
import io.kgsim.engine.Durations;
import io.kgsim.replay.ReplayException;
import io.kgsim.replay.broker.BrokerTarget;
import io.kgsim.replay.compare.ReplayTable;
import io.kgsim.replay.play.RealRun;
import io.kgsim.replay.play.Replayability;
import io.kgsim.report.OutputsFailedException;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kgsim replay SCENARIO.yaml [--strategy S] [--bootstrap-server HOST:PORT] [--out DIR]}. */
@Command(name = "replay", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Play a scenario's timeline with real KafkaConsumers (one JVM each) against a real Kafka broker, "
                + "simulate the same scenario with the member ids the real run got, and compare the two step by step.",
            "The real run takes the scenario's duration in wall-clock time. Without --bootstrap-server a single-node "
                + "KRaft broker starts in this JVM with the scenario's broker configs, and stops afterwards."},
        footer = {"", "Writes into DIR: replay.json (each step, real beside simulated, with the checks), the simulation's "
            + "outputs as kgsim run writes them, replay-events.jsonl (both sides' events, what the figures come from), and report.html with a \"Replay against a real broker\" section. "
            + "Nothing is written when the real run fails (exit code 6).",
            "", "Your own assignor (--classpath): a classic one (ConsumerPartitionAssignor) runs in each consumer JVM, which gets "
            + "the same class path; a consumer-protocol one (ConsumerGroupPartitionAssignor) runs in the broker: the embedded "
            + "broker loads it from --classpath and lists it in group.consumer.assignors. A cluster of your own "
            + "(--bootstrap-server) must already list it in group.consumer.assignors, its jar on the brokers' class path; if it "
            + "does not, the replay ends with exit code 6 and says so."})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    Path scenario;

    @Option(names = "--strategy", paramLabel = "S", completionCandidates = StrategyNames.class,
            description = "Set the protocol and assignor of every group (both sides): range, roundrobin, sticky, "
                    + "cooperative-sticky, consumer-uniform, consumer-range, or the class name of your own assignor (see --classpath).")
    String strategy;

    @Option(names = "--seed", paramLabel = "N", description = "Replace the scenario's seed (the simulated side's only).")
    Long seed;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Use this cluster instead of starting a broker: topics and the group get a name unique to the run "
                    + "(kgsim-replay-<8 hex>-<name>) and are deleted afterwards.")
    String bootstrapServer;

    @Option(names = "--broker-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the broker may take to start or to answer, and topics and groups to be created or deleted "
                    + "(default: ${DEFAULT-VALUE}).")
    int brokerTimeoutSeconds;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: out/<scenario-name>-replay/).")
    Path out;

    @Mixin
    UserClasspath classpath;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("try") // the installed classpath is used through its scope: closing restores the class loader
    public Integer call() throws IOException {
        try (UserClasspath.Installed cp = classpath.install()) {
            return checkAndReplay();
        }
    }

    /** Bad input first (exit 2, nothing started), then the replay. */
    private Integer checkAndReplay() throws IOException {
        Console console = Console.of(spec);
        Scenario s;
        try {
            s = load();
        } catch (ScenarioException e) {
            return console.badInput(e.getMessage());
        }
        Replayability replayable = RealRun.check(s);
        if (!replayable.errors().isEmpty()) {
            return console.badInput("the scenario cannot be replayed against a real broker: " + String.join("; ", replayable.errors()));
        }
        if (brokerTimeoutSeconds < 1) {
            return console.badInput("--broker-timeout: expected a number of seconds of at least 1, found " + brokerTimeoutSeconds);
        }
        if (bootstrapServer != null && !bootstrapServer.matches("[^\\s:,]+:\\d{1,5}(,[^\\s:,]+:\\d{1,5})*")) {
            return console.badInput("--bootstrap-server: expected HOST:PORT (or a comma-separated list of them), found '" + bootstrapServer + "'");
        }
        Path dir = Outputs.directory(out, s.name() + "-replay");
        if (!Outputs.usable(dir, Outputs.option(out), console.err())) {
            return ExitCodes.BAD_INPUT;
        }
        console.scenarioWarnings(s);
        replayable.notes().forEach(n -> console.error("note: " + n));
        console.out().printf("kgsim replay %s  seed=%d  strategy=%s  broker=%s%n", s.name(), s.seed(), strategyLabel(s),
                bootstrapServer != null ? bootstrapServer : "embedded Kafka " + io.kgsim.report.Versions.kafkaClients());
        console.out().printf("  the real run takes %s of wall-clock time%n", Durations.format(s.durationUs()));
        console.out().flush();
        return replay(console, s, dir);
    }

    private Integer replay(Console console, Scenario s, Path dir) throws IOException {
        Replay.Result result;
        try {
            result = Replay.run(s, target(s), classpath.entries(), dir, line -> {
                console.out().println("  " + line);
                console.out().flush();
            });
        } catch (ReplayException e) {
            console.error(e.getMessage());
            console.error("everything the replay started was stopped; nothing was written");
            return ExitCodes.REPLAY_FAILED;
        } catch (ScenarioException e) {
            return console.badInput(e.getMessage());
        } catch (OutputsFailedException e) {
            return console.outputsFailed(e.failures());
        }
        console.out().println();
        ReplayTable.lines(result.simulation().comparison()).forEach(console.out()::println);
        console.out().println();
        console.wrote(dir.resolve("replay.json"));
        console.wrote(dir.resolve("replay-events.jsonl"));
        console.wrote(dir.resolve("report.html"));
        console.out().printf("  and the simulation's summary.json, trace.jsonl, CSVs and charts in %s%n", dir);
        console.out().flush();
        return ExitCodes.OK;
    }

    /** The scenario file with {@code --seed} and {@code --strategy} applied. */
    private Scenario load() throws ScenarioException {
        return StrategyNames.loadWith(scenario, seed, strategy);
    }

    private Supplier<BrokerTarget> target(Scenario s) {
        Duration timeout = Duration.ofSeconds(brokerTimeoutSeconds);
        if (bootstrapServer != null) {
            return () -> BrokerTarget.existing(bootstrapServer, timeout);
        }
        return () -> BrokerTarget.embedded(RealRun.brokerConfigs(s), timeout);
    }

    private static String strategyLabel(Scenario s) {
        return String.join(";", s.groups().stream().map(g -> g.config().strategyNames()).distinct().toList());
    }
}
