package io.kgsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kgsim}: the command line. */
@Command(name = "kgsim",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Deterministic discrete-event simulator of Kafka consumer-group rebalancing, running the real Kafka assignors.",
        subcommands = {RunCommand.class, CompareCommand.class, ValidateCommand.class, GalleryCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 simulation failed, 4 invariants violated,",
                "5 a chart or report.html failed to render (summary.json and the data files were written)."})
public final class Main implements Runnable {
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
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("kgsim: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'kgsim " + ex.getCommandLine().getCommandName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("kgsim: internal error: " + ex);
            ex.printStackTrace(c.getErr());
            return ExitCodes.INTERNAL_ERROR;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest, with the Kafka version whose assignors it runs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "kgsim " + (v == null ? "(development build)" : v),
                "Kafka assignors from kafka-clients " + org.apache.kafka.common.utils.internals.AppInfoParser.getVersion(),
                "Java " + System.getProperty("java.version")
            };
        }
    }
}
