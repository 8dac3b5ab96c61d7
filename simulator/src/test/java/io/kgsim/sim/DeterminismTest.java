package io.kgsim.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same scenario, same seed: byte-identical outputs, even from two separate JVMs (whose identity
 * hash codes, enum hash codes and hash-map layouts differ).
 */
class DeterminismTest {
    @TempDir
    Path tmp;

    private static int runInNewJvm(Path out, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.kgsim.cli.Main", "run"));
        cmd.addAll(Arrays.asList(args));
        cmd.add("--out");
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kgsim run did not finish");
        }
        return p.exitValue();
    }

    @Test
    void twoRunsInSeparateJvmsWriteIdenticalBytes() throws Exception {
        for (String strategy : List.of("range", "cooperative-sticky")) {
            Path a = tmp.resolve(strategy + "-a");
            Path b = tmp.resolve(strategy + "-b");
            assertEquals(0, runInNewJvm(a, "../scenarios/network-cut.yaml", "--strategy", strategy));
            assertEquals(0, runInNewJvm(b, "../scenarios/network-cut.yaml", "--strategy", strategy));
            for (String file : List.of("summary.json", "trace.jsonl", "timeseries.csv", "partition-lag.csv",
                    "member-throughput.csv", "partition-lag-long.csv")) {
                byte[] x = Files.readAllBytes(a.resolve(file));
                byte[] y = Files.readAllBytes(b.resolve(file));
                assertFalse(x.length == 0);
                assertArrayEquals(x, y, strategy + ": " + file + " differs between two runs");
            }
        }
    }

    @Test
    void anotherSeedGivesAnotherRun() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, runInNewJvm(a, "../scenarios/crash.yaml", "--seed", "1"));
        assertEquals(0, runInNewJvm(b, "../scenarios/crash.yaml", "--seed", "2"));
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("trace.jsonl")), Files.readAllBytes(b.resolve("trace.jsonl"))));
    }
}
