package io.kgsim.cli;

import io.kgsim.report.Versions;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kgsim}: the command line. */
@Command(name = "kgsim",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        versionProvider = Main.Version.class,
        description = "Deterministic discrete-event simulator of Kafka consumer-group rebalancing, running the real Kafka assignors.",
        subcommands = {RunCommand.class, CompareCommand.class, SweepCommand.class, ValidateCommand.class, GalleryCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class, CompletionCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 simulation failed, 4 invariants violated,",
                "5 a chart or report.html failed to render (summary.json and the data files were written),",
                "6 replay: the real run failed (broker or consumer), everything it started was stopped."})
public final class Main implements Callable<Integer> {
    /** Help wider than this is hard to read, however wide the terminal. */
    static final int MAX_HELP_WIDTH = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** The same, writing to the given streams (tests call this in-process). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        addPlugins(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setHelpFactory((commandSpec, colors) -> new CommandLine.Help(capWidth(commandSpec), colors));
        cl.setParameterExceptionHandler(Main::badCommandLine);
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("kgsim: internal error: " + ex);
            ex.printStackTrace(c.getErr());
            return ExitCodes.INTERNAL_ERROR;
        });
        return cl.execute(args);
    }

    /**
     * Subcommands of other modules on the class path ({@link CommandPlugin}), before help and
     * completion so that both list them; {@code replay} is listed even when its module is absent.
     */
    private static void addPlugins(CommandLine cl) {
        Map<String, Object> plugins = new TreeMap<>();
        ServiceLoader.load(CommandPlugin.class).forEach(p -> plugins.put(p.name(), p.command()));
        plugins.putIfAbsent("replay", new ModuleMissingCommand());
        plugins.forEach(cl::addSubcommand);
    }

    /** One message, picocli's "did you mean" for a mistyped command or option, and where to read more. */
    private static int badCommandLine(CommandLine.ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        c.getErr().println("kgsim: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
        c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.BAD_INPUT;
    }

    /** The terminal's width (picocli asks it), at most {@link #MAX_HELP_WIDTH}. */
    private static CommandLine.Model.CommandSpec capWidth(CommandLine.Model.CommandSpec s) {
        if (s.usageMessage().width() > MAX_HELP_WIDTH) {
            s.usageMessage().autoWidth(false).width(MAX_HELP_WIDTH);
        }
        return s;
    }

    /** {@code kgsim} alone is a mistake: the usage, on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** kgsim's version (the one summary.json records), with the Kafka version whose assignors it runs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "kgsim " + Versions.kgsim(),
                "Kafka assignors from kafka-clients " + Versions.kafkaClients(),
                "Java " + System.getProperty("java.version")
            };
        }
    }
}
