package io.kgsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.scala.DefaultScalaModule$;
import io.kgsim.scenario.Location;
import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.Axis;
import io.kgsim.sweep.SweepPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

class RunsParquetTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** runs.csv as the sweep writes it: two axes (one with units, one of whole numbers), a failed run with a quoted error. */
    private Path runsCsv() throws IOException {
        List<String> figures = RunFigures.METRICS.stream().map(io.kgsim.stats.Metric::name).toList();
        String header = "groups[billing].config.session.timeout.ms,groups[0].consumers,strategy,seed,status,error," + String.join(",", figures);
        String ok = "10s,4,range,1,ok,," + String.join(",", figureCells("12.5"));
        String failed = "45s,8,cooperative-sticky,2,failed,\"c2 crashed, \"\"twice\"\"\nat 60 s\"," + ",".repeat(figures.size() - 1);
        Path csv = dir.resolve("runs.csv");
        Files.writeString(csv, header + "\n" + ok + "\n" + failed + "\n");
        return csv;
    }

    /** Whole numbers for counts, {@code fraction} for the others: what summary.json writes. */
    private static List<String> figureCells(String fraction) {
        List<String> cells = new ArrayList<>();
        for (io.kgsim.stats.Metric m : RunFigures.METRICS) {
            cells.add(m.name().contains("Ms") || m.name().startsWith("imbalance") ? fraction : "7");
        }
        return cells;
    }

    private SweepPlan plan() throws Exception {
        SweepPlan one = SweepFixture.crashPlan(1);
        List<Axis> axes = List.of(new Axis("groups[billing].config.session.timeout.ms", List.of("10s", "45s"), new double[] {10_000, 45_000},
                new Location("s.yaml", 1, 1)), new Axis("groups[0].consumers", List.of("4", "8"), new double[] {4, 8}, new Location("s.yaml", 2, 1)));
        List<io.kgsim.scenario.Scenario> cells = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cells.add(one.scenario(one.run(i % 2)));
        }
        return new SweepPlan(one.source(), "t", axes, one.strategies(), one.seeds(), one.metric(), cells);
    }

    @Test
    void sparkReadsRunsCsvsColumnsTypedAndItsRowsInOrder() throws Exception {
        Path parquet = dir.resolve("runs.parquet");
        RunsParquet.write(plan(), runsCsv(), parquet);

        Dataset<Row> runs = spark.read().parquet(parquet.toString());
        List<String> header = List.of(Files.readAllLines(dir.resolve("runs.csv")).get(0).split(","));
        assertEquals(header, List.of(runs.columns()), "runs.csv's columns, in its order");
        Map<String, StructField> fields = new java.util.HashMap<>();
        for (StructField f : runs.schema().fields()) {
            fields.put(f.name(), f);
        }
        assertEquals(DataTypes.StringType, fields.get("groups[billing].config.session.timeout.ms").dataType());
        assertEquals(DataTypes.LongType, fields.get("groups[0].consumers").dataType());
        assertEquals(DataTypes.LongType, fields.get("seed").dataType());
        assertEquals(DataTypes.LongType, fields.get("recordsDuplicated").dataType());
        assertEquals(DataTypes.DoubleType, fields.get("unownedPartitionMs").dataType());
        assertEquals(DataTypes.DoubleType, fields.get("imbalance.maxOverMeanLoad").dataType());

        List<Row> rows = runs.collectAsList();
        assertEquals(2, rows.size());
        Row ok = rows.get(0);
        Row failed = rows.get(1);
        assertEquals("10s", ok.getString(0));
        assertEquals(4L, ok.getLong(1));
        assertEquals(1L, ok.getLong(ok.fieldIndex("seed")));
        assertTrue(ok.isNullAt(ok.fieldIndex("error")), "an empty cell is null");
        assertEquals(7L, ok.getLong(ok.fieldIndex("rebalances")));
        assertEquals(12.5, ok.getDouble(ok.fieldIndex("rebalanceDurationMs.p50")));
        assertEquals("c2 crashed, \"twice\"\nat 60 s", failed.getString(failed.fieldIndex("error")));
        assertEquals("failed", failed.getString(failed.fieldIndex("status")));
        assertTrue(failed.isNullAt(failed.fieldIndex("unownedPartitionMs")), "a failed run's figures are null");
    }

    @Test
    void aCellThatIsNotANumberNamesItsLineAndColumn() throws Exception {
        Path csv = runsCsv();
        Files.writeString(csv, Files.readString(csv).replace("range,1,", "range,one,"));
        IOException e = assertThrows(IOException.class, () -> RunsParquet.write(plan(), csv, dir.resolve("runs.parquet")));
        assertTrue(e.getMessage().contains("runs.csv:2: column seed holds 'one'"), e.getMessage());
    }

    @Test
    void kgsimsJacksonServesSparksScalaModule() {
        // jackson-module-scala refuses a databind of another minor version when it is registered.
        ObjectMapper mapper = new ObjectMapper().registerModule(DefaultScalaModule$.MODULE$);
        assertEquals("2.21", mapper.version().getMajorVersion() + "." + mapper.version().getMinorVersion());
        // Spark's own JSON (json4s over Jackson) of a schema; every RDD's scope is JSON written by the Scala module.
        assertTrue(spark.range(2).schema().json().contains("\"type\":\"long\""));
        assertEquals(3, spark.sparkContext().parallelize(CollectionConverters.asScala(List.<Object>of(1, 2, 3)).toSeq(), 1,
                scala.reflect.ClassTag$.MODULE$.apply(Object.class)).count());
    }
}
