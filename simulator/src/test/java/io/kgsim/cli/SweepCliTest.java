package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.batch.LocalEngine;
import io.kgsim.batch.SweepEngine;
import io.kgsim.batch.SweepJob;
import io.kgsim.report.TraceOptions;
import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.testing.Cli.Outcome;
import io.kgsim.testing.SweepPlans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kgsim sweep} end to end, on plans built by hand (the sweep file's own loading is
 * tested with the loader): outputs, exit codes, failed runs named with what replays them,
 * refusals before any run, and {@code --resume}.
 */
class SweepCliTest {
    private static final String CRASHING = CrashingAssignor.class.getName();

    @TempDir
    Path tmp;

    private Path sweepFile;

    /** Writes the tiny sweep's files and returns the plan the command will read from them. */
    private SweepPlan use(List<String> strategies, String seeds) throws Exception {
        sweepFile = SweepPlans.files(tmp, strategies, seeds);
        return io.kgsim.sweep.SweepLoader.load(sweepFile, null, null, null);
    }

    @Test
    void writesRunsCellsAndReportAndKeepsRunsWhenAsked() throws Exception {
        use(List.of("range"), "1,2");
        Path out = tmp.resolve("out");
        Outcome o = kgsim("sweep", sweepFile.toString(), "--out", out.toString(), "--threads", "2", "--keep-runs");
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertTrue(o.out().startsWith("kgsim sweep tiny  points=2  strategies=range  seeds=1,2  runs=4  engine=local  threads=2"), o.out());
        assertTrue(o.out().contains("4 runs: 4 ok, 0 failed, 0 broke invariants"), o.out());
        assertTrue(o.out().contains("wrote " + out.resolve("runs.csv")) && o.out().contains("wrote " + out.resolve("report.html")), o.out());
        assertTrue(o.out().contains("  wrote 1 chart (PNG and SVG): 1 line chart sweep-line-*\n"), "the charts in one line: " + o.out());
        assertTrue(Files.isRegularFile(out.resolve("sweep-line-1.svg")) && Files.isRegularFile(out.resolve("sweep-line-1.png")), "the chart it names");
        assertEquals(5, Files.readAllLines(out.resolve("runs.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("runs/2-10000/range/seed-2/summary.json")), "each run's outputs, by point, strategy and seed");
        assertEquals("", o.err());
        assertFiguresAsSummaryJsonWritesThem(Files.readAllLines(out.resolve("runs.csv")).get(4), out.resolve("runs/2-10000/range/seed-2/summary.json"));
    }

    /** Every figure of a runs.csv row is the very text the run's summary.json has (empty for null). */
    private static void assertFiguresAsSummaryJsonWritesThem(String row, Path summaryJson) throws Exception {
        JsonNode summary = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(summaryJson.toFile());
        String[] cells = row.split(",", -1);
        assertTrue(row.startsWith("10000,range,2,ok,,"), row);
        int compared = 0;
        for (int m = 0; m < RunFigures.METRICS.size(); m++) {
            JsonNode field = summary.at("/" + RunFigures.METRICS.get(m).name().replace('.', '/'));
            String text = field.isNull() ? "" : field.isBigDecimal() ? field.decimalValue().toPlainString() : field.asText();
            assertEquals(text, cells[5 + m], RunFigures.METRICS.get(m).name());
            compared += field.isNull() ? 0 : 1;
        }
        assertTrue(compared > 15, "most figures are defined in this run: " + compared);
        assertTrue(row.contains(".") && cells[5 + RunFigures.index("imbalance.maxOverMeanLoad")].matches("\\d+\\.\\d{4}"), row);
    }

    @Test
    void valuesWithAUnitGetAColumnOfNumbersBesideThemInRunsAndCells() throws Exception {
        SweepPlans.files(tmp, List.of("range"), "1");
        Path sweep = tmp.resolve("units.yaml");
        Files.writeString(sweep, """
                scenario: tiny.yaml
                strategies: [range]
                seeds: 1
                vary:
                  timeline[0].at: [4s, 5500ms]
                  topics[t].produce.rate: [300/s, 1200/s]
                """);
        Path out = tmp.resolve("out");
        Outcome o = kgsim("sweep", sweep.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(ExitCodes.OK, o.code(), o.err());
        List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
        assertTrue(runs.get(0).startsWith("timeline[0].at,timeline[0].at (ms),topics[t].produce.rate,topics[t].produce.rate (per s),strategy,seed,"),
                runs.get(0));
        assertTrue(runs.get(2).startsWith("4s,4000,1200/s,1200,range,1,ok,"), runs.get(2));
        assertTrue(runs.get(3).startsWith("5500ms,5500,300/s,300,range,1,ok,"), runs.get(3));
        List<String> cells = Files.readAllLines(out.resolve("cells.csv"));
        assertTrue(cells.get(0).startsWith("timeline[0].at,timeline[0].at (ms),topics[t].produce.rate,topics[t].produce.rate (per s),strategy,metric,"),
                cells.get(0));
        assertTrue(cells.get(1).startsWith("4s,4000,300/s,300,range,rebalances,"), cells.get(1));
    }

    @Test
    void aFailingRunIsNamedWithItsValuesAndTheSweepGoesOnToExitThree() throws Exception {
        use(List.of("range", CRASHING), "1");
        Path out = tmp.resolve("out");
        Outcome o = kgsim("sweep", sweepFile.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(ExitCodes.SIMULATION_FAILED, o.code(), o.err());
        List<String> err = o.err().lines().toList();
        assertEquals(4, err.size(), o.err());
        assertTrue(err.get(0).matches("kgsim: run 2 failed \\(" + java.util.regex.Pattern.quote(SweepPlans.PATH) + "=6000, strategy "
                + CRASHING + ", seed 1\\): simulation failed at t=.*" + CrashingAssignor.MESSAGE + ".*"), err.get(0));
        assertEquals("kgsim:   replay with: kgsim run " + tmp.resolve("tiny.yaml") + " --seed 1 --strategy " + CRASHING + ", the scenario set to " + SweepPlans.PATH
                + "=6000", err.get(1));
        List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
        assertTrue(runs.get(1).startsWith("6000,range,1,ok,,") && runs.get(2).startsWith("6000," + CRASHING + ",1,failed,"), runs.toString());
        assertTrue(runs.get(3).startsWith("10000,range,1,ok,,"), "the sweep went on: " + runs);
    }

    @Test
    void anInterruptedSweepIsRefusedWithoutResumeAndFinishedWithIt() throws Exception {
        SweepPlan plan = use(List.of("range"), "1..3");
        Path out = tmp.resolve("out");
        SweepEngine dies = new SweepEngine() {
            @Override
            public String name() {
                return "dies";
            }

            @Override
            public void execute(SweepPlan p, long[] todo, Integer threads, Consumer<RunOutcome> sink) throws InterruptedException {
                int[] n = {0};
                new LocalEngine().execute(p, todo, 1, o -> {
                    if (n[0]++ == 4) {
                        throw new IllegalStateException("killed");
                    }
                    sink.accept(o);
                });
            }
        };
        try {
            SweepJob.open(plan, out, new SweepJob.Options(dies, 1, false, false, TraceOptions.FULL, null)).run();
        } catch (IllegalStateException expected) {
            // the process died after 4 runs
        }
        Outcome refused = kgsim("sweep", sweepFile.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, refused.code(), refused.err());
        assertEquals("kgsim: " + out + " holds an interrupted sweep ('tiny', 4 of 6 runs done): add --resume to go on where it stopped "
                + "(finished runs are kept, not run again), or pick another --out.\n", refused.err());
        assertEquals("", refused.out(), "nothing run");

        Outcome resumed = kgsim("sweep", sweepFile.toString(), "--out", out.toString(), "--resume");
        assertEquals(ExitCodes.OK, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming " + out + ": 4 of 6 runs already done, 2 to go"), resumed.out());
        assertEquals(7, Files.readAllLines(out.resolve("runs.csv")).size());
    }

    @Test
    void badEnginesAndOptionsAreRefusedBeforeAnyRun() throws Exception {
        use(List.of("range"), "1");
        Path out = tmp.resolve("out");
        Outcome spark = kgsim("sweep", sweepFile.toString(), "--out", out.toString(), "--engine", "spark");
        assertEquals(ExitCodes.BAD_INPUT, spark.code());
        assertTrue(spark.err().startsWith("kgsim: --engine spark needs the spark module") && spark.err().contains("./kgsim sweep"), spark.err());
        Outcome unknown = kgsim("sweep", sweepFile.toString(), "--out", out.toString(), "--engine", "flink");
        assertEquals(ExitCodes.BAD_INPUT, unknown.code());
        assertEquals("kgsim: --engine: no engine called 'flink'; engines: local, spark\n", unknown.err());
        Outcome metric = kgsim("sweep", sweepFile.toString(), "--metric", "lag");
        assertEquals(ExitCodes.BAD_INPUT, metric.code());
        assertTrue(metric.err().contains("--metric: no figure called 'lag'; one of rebalances,"), metric.err());
        Outcome seeds = kgsim("sweep", sweepFile.toString(), "--seeds", "5..1");
        assertEquals(ExitCodes.BAD_INPUT, seeds.code());
        assertTrue(seeds.err().contains("--seeds: '5..1' is an empty range"), seeds.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
