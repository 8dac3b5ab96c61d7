package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.testing.Cli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation that stops on an error exits 3 with the error and the one {@code kgsim run}
 * command that replays it; {@code run} and {@code compare} print it the same way, nothing of the
 * failed run is written, and the printed command really fails the same way again.
 */
class SimulationFailureCliTest {
    private static final String CRASHING = CrashingAssignor.class.getName();
    private static final String SCENARIO = """
            name: crashes
            seed: 3
            duration: 20s
            topics:
              - name: t
                partitions: 4
            groups:
              - group.id: g
                subscription: [t]
                consumers: 2
            """;

    @TempDir
    Path tmp;

    @Test
    void aRunThatStopsPrintsTheCommandThatReplaysIt() throws IOException {
        Path file = scenario();
        Path out = tmp.resolve("out");
        Outcome o = kgsim("run", file.toString(), "--seed", "11", "--strategy", CRASHING, "--out", out.toString());

        assertEquals(ExitCodes.SIMULATION_FAILED, o.code(), o.err());
        List<String> err = o.err().lines().toList();
        assertEquals(2, err.size(), o.err());
        assertTrue(err.get(0).matches("kgsim: simulation failed at t=[0-9.]+s \\(seed 11\\): .*" + CrashingAssignor.MESSAGE + ".*"), err.get(0));
        assertEquals("kgsim: replay with: kgsim run " + file + " --seed 11 --strategy " + CRASHING, err.get(1));
        assertFalse(Files.exists(out), "nothing is written when the run fails");
        assertReplaysTo(err.get(1), err.get(0));
    }

    @Test
    void aComparedStrategyThatStopsNamesItselfAndTheRunThatReplaysIt() throws IOException {
        Path file = scenario();
        Path out = tmp.resolve("cmp");
        Outcome o = kgsim("compare", file.toString(), "--strategies", "range," + CRASHING, "--threads", "1", "--out", out.toString());

        assertEquals(ExitCodes.SIMULATION_FAILED, o.code(), o.err());
        List<String> err = o.err().lines().toList();
        assertEquals(2, err.size(), o.err());
        assertTrue(err.get(0).matches("kgsim: " + CRASHING + ": simulation failed at t=[0-9.]+s \\(seed 3\\): .*" + CrashingAssignor.MESSAGE + ".*"),
                err.get(0));
        // The scenario's own seed, and only the strategy that failed.
        assertEquals("kgsim: replay with: kgsim run " + file + " --seed 3 --strategy " + CRASHING, err.get(1));
        assertFalse(Files.exists(out.resolve("comparison.json")), "no comparison of a strategy that did not finish");
        assertFalse(o.out().contains("rank"), o.out());
        assertReplaysTo(err.get(1), "kgsim: " + err.get(0).substring(("kgsim: " + CRASHING + ": ").length()));
    }

    /** Runs the printed replay command (into a scratch directory) and checks it stops with {@code error}. */
    private void assertReplaysTo(String replayLine, String error) {
        String prefix = "kgsim: replay with: kgsim ";
        List<String> args = new ArrayList<>(Arrays.asList(replayLine.substring(prefix.length()).split(" ")));
        args.addAll(List.of("--out", tmp.resolve("replay").toString()));
        Outcome replay = kgsim(args.toArray(String[]::new));
        assertEquals(ExitCodes.SIMULATION_FAILED, replay.code(), replay.err());
        assertEquals(error, replay.err().lines().findFirst().orElseThrow());
    }

    private Path scenario() throws IOException {
        Path file = tmp.resolve("crashes.yaml");
        Files.writeString(file, SCENARIO);
        return file;
    }
}
