package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kgsim.testing.Cli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake on the command line is one paragraph and exit 2, before anything is simulated or written. */
class CommandLineMistakesTest {
    @TempDir
    Path tmp;
    private Path scenario;
    private Path file;

    private static final String SCENARIO = """
            name: mistakes
            seed: 3
            duration: 20s
            topics:
              - name: t
                partitions: 4
            groups:
              - group.id: g
                subscription: [t]
                consumers: 2
            compare: [range, roundrobin]
            """;

    @BeforeEach
    void files() throws IOException {
        scenario = Files.writeString(tmp.resolve("mistakes.yaml"), SCENARIO);
        file = Files.writeString(tmp.resolve("README.md"), "not a directory\n");
    }

    /** Exit 2, one paragraph naming {@code expected}, no stack trace, nothing printed on stdout (so nothing ran). */
    private static void badInput(Outcome o, String expected) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat ") || o.err().contains("internal error"), o.err());
        assertEquals("", o.out(), "nothing simulated");
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefusedBeforeSimulating() throws IOException {
        badInput(kgsim("run", scenario.toString(), "--out", file.toString()), "--out: " + file + " exists and is not a directory");
        badInput(kgsim("compare", scenario.toString(), "--out", file.toString()), "--out: " + file + " exists and is not a directory");
        badInput(kgsim("gallery", "--scenarios", tmp.toString(), "--out", file.toString()), "--out: " + file + " exists and is not a directory");
        assertEquals("not a directory\n", Files.readString(file), "the file is untouched");
        badInput(kgsim("run", scenario.toString(), "--out", file.resolve("sub").toString()), file + " is a file, not a directory");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(2, left.count(), "no staging directory or output left behind");
        }
    }

    @Test
    void anUnwritableOutputDirectoryIsRefusedBeforeSimulating() {
        // Root ignores permission bits, so use a directory no one can create entries in: /proc.
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        badInput(kgsim("run", scenario.toString(), "--out", "/proc/kgsim-out"), "--out: cannot write into /proc/kgsim-out: cannot create a directory in /proc");
        badInput(kgsim("compare", scenario.toString(), "--out", "/proc/kgsim-out/x"), "cannot create /proc/kgsim-out");
    }

    @Test
    void replayWithoutItsModuleSaysHowToGetIt() {
        Outcome o = kgsim("replay", scenario.toString());
        badInput(o, "replay needs the replay module");
        assertTrue(o.err().contains("./kgsim replay"), o.err());
        assertTrue(kgsim("--help").out().contains("replay "), "help lists replay though its module is absent");
    }

    @Test
    void aMissingScenarioDirectoryIsBadInput() {
        Outcome o = kgsim("gallery", "--scenarios", tmp.resolve("nonexistent").toString(), "--out", tmp.resolve("g").toString());
        badInput(o, "--scenarios: " + tmp.resolve("nonexistent") + " does not exist");
        assertEquals(1, o.err().strip().lines().count(), o.err());
        badInput(kgsim("gallery", "--scenarios", file.toString(), "--out", tmp.resolve("g").toString()), " is not a directory");
        assertFalse(Files.exists(tmp.resolve("g")));
    }

    @Test
    void threadsMustBePositive() {
        for (String n : new String[] {"0", "-2"}) {
            badInput(kgsim("compare", scenario.toString(), "--threads", n, "--out", tmp.resolve("c").toString()), "--threads must be at least 1, got " + n);
            badInput(kgsim("gallery", "--scenarios", tmp.toString(), "--threads", n), "--threads must be at least 1, got " + n);
        }
        assertFalse(Files.exists(tmp.resolve("c")));
    }

    @Test
    void noArgumentsPrintsUsageOnStderrAndExitsTwo() {
        Outcome o = kgsim();
        assertEquals(2, o.code());
        assertEquals("", o.out());
        assertTrue(o.err().startsWith("Usage: kgsim "), o.err());
        assertTrue(o.err().contains("completion") && o.err().contains("compare"), o.err());
    }

    @Test
    void aMistypedCommandOrOptionGetsPicocliSuggestionAndTheRightHelpHint() {
        Outcome command = kgsim("runn", scenario.toString());
        assertEquals(2, command.code());
        assertTrue(command.err().contains("Did you mean: kgsim run?"), command.err());
        assertTrue(command.err().contains("Try 'kgsim --help'."), command.err());

        Outcome option = kgsim("run", scenario.toString(), "--seeed", "3");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("Unknown option") && option.err().contains("'--seeed'"), option.err());
        assertTrue(option.err().contains("Possible solutions: --seed"), option.err());
        assertTrue(option.err().contains("Try 'kgsim run --help'."), option.err());
        assertFalse(option.err().contains("kgsim kgsim"), option.err());
    }

    @Test
    void helpListsEveryOutputFileOfEachCommand() {
        String run = kgsim("run", "--help").out().replaceAll("\\s+", " ");
        for (String f : new String[] {"summary.json", "trace.jsonl", "trace.jsonl.gz", "timeseries.csv", "partition-lag.csv", "report.html",
            "throughput", "rebalance-timeline", "rebalance-moves", "imbalance", "out/<scenario-name>/"}) {
            assertTrue(run.contains(f), "run --help names " + f + ": " + run);
        }
        String compare = kgsim("compare", "--help").out().replaceAll("\\s+", " ");
        for (String f : new String[] {"comparison.json", "report.html", "compare-throughput", "compare-unowned", "DIR/<strategy>/", "out/<scenario-name>-compare/"}) {
            assertTrue(compare.contains(f), "compare --help names " + f + ": " + compare);
        }
        String gallery = kgsim("gallery", "--help").out().replaceAll("\\s+", " ");
        assertTrue(gallery.contains("<scenario-name>/report.html") && gallery.contains("README.md"), gallery);
        for (String command : new String[] {"run", "compare", "validate", "gallery", "completion"}) {
            String help = kgsim(command, "--help").out();
            assertTrue(help.lines().allMatch(l -> l.length() <= Main.MAX_HELP_WIDTH), help);
        }
    }
}
