package io.kgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a separate JVM shows: the working directory's default output folder, and a run stopped by SIGTERM. */
class ChildProcessTest {
    @TempDir
    Path tmp;

    private ProcessBuilder kgsim(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
    }

    private static String scenario(String name, String duration, int consumers, int partitions, String rate) {
        return """
                name: %s
                seed: 2
                duration: %s
                topics:
                  - name: t
                    partitions: %d
                    produce:
                      rate: %s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: %d
                """.formatted(name, duration, partitions, rate, consumers);
    }

    @Test
    void runAndCompareWriteUnderOutNeverIntoTheGallery() throws Exception {
        Files.writeString(tmp.resolve("small.yaml"), scenario("small", "5s", 2, 2, "10/s") + "compare: [range, roundrobin]\n");
        Process run = kgsim("run", "small.yaml", "--trace", "none").start();
        String runOut = new String(run.getInputStream().readAllBytes());
        assertEquals(0, run.waitFor(), runOut);
        assertTrue(Files.exists(tmp.resolve("out/small/summary.json")), runOut);
        assertTrue(runOut.contains("wrote " + Path.of("out", "small", "summary.json")), runOut);
        Process compare = kgsim("compare", "small.yaml", "--trace", "none", "--threads", "1").start();
        String compareOut = new String(compare.getInputStream().readAllBytes());
        assertEquals(0, compare.waitFor(), compareOut);
        assertTrue(Files.exists(tmp.resolve("out/small-compare/comparison.json")), compareOut);
        assertTrue(Files.exists(tmp.resolve("out/small-compare/roundrobin/summary.json")), compareOut);
        assertFalse(Files.exists(tmp.resolve("reports")), "only gallery writes into reports/");
    }

    @Test
    void aRunStoppedBySigtermLeavesNoStagingBehind() throws Exception {
        // Hours of virtual time with 64 members: far longer than the few seconds before the kill.
        Files.writeString(tmp.resolve("long.yaml"), scenario("long", "3h", 64, 48, "20000/s"));
        Process p = kgsim("run", "long.yaml", "--out", "o").redirectOutput(tmp.resolve("stdout.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stagedTrace() == null) {
                assertTrue(p.isAlive(), () -> "the run ended before it was stopped: " + read(tmp.resolve("stdout.txt")));
                assertTrue(System.nanoTime() < deadline, "the run never started writing");
                Thread.sleep(20);
            }
            p.destroy();   // SIGTERM, as kill or a closing terminal sends
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM stopped");
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("long.yaml", "stdout.txt"), left.map(f -> f.getFileName().toString()).sorted().toList(),
                    "the shutdown hook removed the staging directory, and no output was committed");
        }
    }

    /** The trace inside the run's staging directory, once the simulation is under way. */
    private Path stagedTrace() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path d : files.filter(f -> f.getFileName().toString().startsWith(".o.tmp-")).toList()) {
                Path trace = d.resolve("trace.jsonl");
                if (Files.exists(trace)) {
                    return trace;
                }
            }
        }
        return null;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
