package io.kgsim.testing;

import io.kgsim.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, as a user's shell would, and keeps what it printed. */
public final class Cli {
    private Cli() {
    }

    /** The exit code and everything written to stdout and stderr. */
    public record Outcome(int code, String out, String err) {
    }

    public static Outcome kgsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
