package io.kgsim.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Stands in for {@code kgsim replay} when kgsim.jar runs without the replay module: help lists
 * the command, and calling it says how to get it instead of "unknown command".
 */
@Command(name = "replay", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Play a scenario with real KafkaConsumers against a real broker and compare with the simulation "
                + "(needs the replay module: run it through the ./kgsim launcher, which builds it on first use).")
final class ModuleMissingCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kgsim: replay needs the replay module, which kgsim.jar leaves out to stay small: "
                + "run it as ./kgsim replay ... from the repository (the launcher builds replay/target/kgsim-replay.jar on first use), "
                + "or java -jar replay/target/kgsim-replay.jar replay ... after mvn -pl replay -am package -DskipTests.");
        return ExitCodes.BAD_INPUT;
    }
}
