package io.kgsim.spark;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.kgsim.sweep.Axis;
import io.kgsim.sweep.SweepPlan;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * {@code runs.parquet}: {@code runs.csv}'s columns and rows, typed (whole numbers INT64, the
 * other figures DOUBLE, text UTF-8 strings, every column nullable: an empty cell, a figure
 * undefined for that run, is null). It is read from the finished {@code runs.csv}, so the two
 * can never disagree, and written as one file on the driver, streaming: on a cluster the
 * outputs go to the driver's directory, which Spark's own writer (running on the executors)
 * could not reach.
 */
final class RunsParquet {
    static final String FILE = "runs.parquet";

    /** The figures that are counts; every other figure is a duration in ms or a ratio. */
    private static final Set<String> COUNTS = Set.of("rebalances", "partitionMovements", "recordsProduced", "recordsConsumed",
            "recordsDuplicated", "recordsLost", "maxLag", "crossRackBytes", "invariantViolations", "strandedPartitions",
            "staleReconciliations");
    private static final Set<String> TEXT = Set.of("strategy", "status", "error");

    private RunsParquet() {
    }

    static void write(SweepPlan plan, Path runsCsv, Path parquet) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(runsCsv.toFile())) {
            if (!rows.hasNext()) {
                throw new IOException(runsCsv + " is empty: no header to type " + FILE + "'s columns from");
            }
            String[] header = rows.next();
            MessageType schema = schema(plan.axes(), header);
            Files.deleteIfExists(parquet);
            try (ParquetWriter<Group> out = ExampleParquetWriter.builder(new LocalOutputFile(parquet)).withType(schema)
                    .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                SimpleGroupFactory groups = new SimpleGroupFactory(schema);
                for (long line = 2; rows.hasNext(); line++) {
                    out.write(group(groups.newGroup(), schema, rows.next(), runsCsv + ":" + line));
                }
            }
        }
    }

    /** One column per header cell, typed by what the column holds. */
    static MessageType schema(List<Axis> axes, String[] header) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String column : header) {
            switch (type(axes, column)) {
                case INT64 -> b.optional(PrimitiveTypeName.INT64).named(column);
                case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(column);
                default -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column);
            }
        }
        return b.named("run");
    }

    private static PrimitiveTypeName type(List<Axis> axes, String column) {
        for (Axis a : axes) {
            if (a.path().equals(column)) {
                return axisType(a.values());
            }
        }
        if (column.equals("seed") || COUNTS.contains(column)) {
            return PrimitiveTypeName.INT64;
        }
        return TEXT.contains(column) ? PrimitiveTypeName.BINARY : PrimitiveTypeName.DOUBLE;
    }

    /** An axis of whole numbers is INT64, of other plain numbers DOUBLE; anything with a unit ({@code 30s}) stays text. */
    static PrimitiveTypeName axisType(List<String> values) {
        boolean whole = true;
        for (String v : values) {
            try {
                whole &= new BigDecimal(v).stripTrailingZeros().scale() <= 0 && !v.contains(".") && !v.toLowerCase().contains("e");
            } catch (NumberFormatException e) {
                return PrimitiveTypeName.BINARY;
            }
        }
        return whole ? PrimitiveTypeName.INT64 : PrimitiveTypeName.DOUBLE;
    }

    private static Group group(Group g, MessageType schema, String[] row, String where) throws IOException {
        if (row.length != schema.getFieldCount()) {
            throw new IOException(where + ": " + row.length + " cells, the header has " + schema.getFieldCount());
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i].isEmpty()) {
                continue;
            }
            try {
                switch (schema.getType(i).asPrimitiveType().getPrimitiveTypeName()) {
                    case INT64 -> g.add(i, Long.parseLong(row[i]));
                    case DOUBLE -> g.add(i, Double.parseDouble(row[i]));
                    default -> g.add(i, Binary.fromString(row[i]));
                }
            } catch (NumberFormatException e) {
                throw new IOException(where + ": column " + schema.getFieldName(i) + " holds '" + row[i] + "', not a number");
            }
        }
        return g;
    }

    /** The column names, in order (tests compare them with runs.csv's header). */
    static List<String> columns(MessageType schema) {
        List<String> names = new ArrayList<>();
        schema.getFields().forEach(f -> names.add(f.getName()));
        return names;
    }
}
