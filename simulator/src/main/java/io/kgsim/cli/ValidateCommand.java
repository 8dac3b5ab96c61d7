package io.kgsim.cli;

import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kgsim validate SCENARIO.yaml}: load and check, run nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Check a scenario file without running it.", footer = {"", "Writes nothing."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    Path scenario;

    @Mixin
    UserClasspath classpath;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("try") // the installed classpath is used through its scope: closing restores the class loader
    public Integer call() throws IOException {
        try (UserClasspath.Installed cp = classpath.install()) {
            Scenario s = ScenarioLoader.load(scenario);
            int members = 0;
            for (var g : s.groups()) {
                members += g.consumers();
            }
            spec.commandLine().getOut().printf("%s: ok (%d topic(s), %d group(s), %d initial member(s), %d timeline action(s))%n",
                    scenario, s.topics().size(), s.groups().size(), members, s.timeline().size());
            s.warnings().forEach(w -> spec.commandLine().getErr().println("kgsim: warning: " + w));
            return ExitCodes.OK;
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("kgsim: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
