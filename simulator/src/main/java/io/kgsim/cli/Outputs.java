package io.kgsim.cli;

import io.kgsim.report.RunOutput;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Output directories: their defaults, and the check made before anything is simulated. */
public final class Outputs {
    /** Where {@code run} and {@code compare} write by default: untracked, never the committed gallery. */
    static final Path DEFAULT_ROOT = Path.of("out");

    private Outputs() {
    }

    /** The directory {@code run} and {@code compare} write: {@code --out}, or {@code out/<name>}. */
    public static Path directory(Path out, String name) {
        return out != null ? out : DEFAULT_ROOT.resolve(name);
    }

    /** How a message about that directory names it: the option that chose it, or the default. */
    public static String option(Path out) {
        return out != null ? "--out" : "the default output directory";
    }

    /**
     * True when {@code dir} can be written; otherwise prints one paragraph naming {@code option}
     * and returns false (the caller exits 2 before simulating).
     */
    public static boolean usable(Path dir, String option, PrintWriter err) {
        try {
            RunOutput.check(dir);
            return true;
        } catch (RunOutput.UnusableOutputException e) {
            err.println("kgsim: " + option + ": " + e.getMessage());
            return false;
        }
    }
}
