package io.kgsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's promise for the Spark engine: the same sweep gives the same runs.csv and cells.csv,
 * byte for byte, on Spark {@code local[2]} as on the local engine, through the real command.
 */
class SparkSweepEquivalenceTest {
    @TempDir
    Path dir;

    @Test
    void aSmallSweepOnLocal2WritesTheLocalEnginesRunsCsvByteForByte() throws Exception {
        Files.copy(SweepFixture.CRASH, dir.resolve("crash.yaml"));
        Path sweep = dir.resolve("timeouts.yaml");
        Files.writeString(sweep, """
                scenario: crash.yaml
                strategies: [range, cooperative-sticky]
                seeds: 1..2
                vary:
                  groups[analytics].config.session.timeout.ms: [10s, 45s]
                """);
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        assertEquals(0, sweep(sweep, local, "local", "1"));
        assertEquals(0, sweep(sweep, spark, "spark", "2"));

        for (String file : new String[] {"runs.csv", "cells.csv"}) {
            assertArrayEquals(Files.readAllBytes(local.resolve(file)), Files.readAllBytes(spark.resolve(file)), file);
        }
        // 2 values x 2 strategies x 2 seeds, a header above them.
        assertEquals(9, Files.readAllLines(local.resolve("runs.csv")).size());
        SparkSession s = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            assertEquals(8, s.read().parquet(spark.resolve("runs.parquet").toString()).count());
        } finally {
            s.stop();
        }
    }

    private static int sweep(Path sweep, Path out, String engine, String threads) {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "sweep", sweep.toString(), "--out",
                out.toString(), "--engine", engine, "--threads", threads);
        assertEquals("", code == 0 ? "" : err.toString(), "kgsim sweep --engine " + engine);
        return code;
    }
}
