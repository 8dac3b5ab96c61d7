package io.kgsim.cli;

import io.kgsim.scenario.ScenarioReference;
import io.kgsim.scenario.ScenarioSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kgsim schema [--markdown]}: prints the scenario format's JSON Schema (for editors), or
 * its reference in Markdown. Both are generated from the loader's key table; the repository's
 * {@code docs/} holds their output, and a test keeps it current.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft-07) of scenario files, for editors and YAML language servers.",
        footer = {"", "Regenerate the repository's copies, from its root:",
            "  ./kgsim schema > docs/scenario.schema.json",
            "  ./kgsim schema --markdown > docs/scenario-format.md"})
final class SchemaCommand implements Callable<Integer> {
    @Option(names = "--markdown", description = "Print the scenario-format reference (Markdown) instead of the schema.")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(markdown ? ScenarioReference.markdown() : ScenarioSchema.json());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
