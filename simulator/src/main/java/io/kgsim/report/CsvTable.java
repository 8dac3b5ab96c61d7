package io.kgsim.report;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A CSV file's columns, declared once: the header and every row come from the same list, so a
 * column is one line. Written by jackson-dataformat-csv with RFC 4180 quoting (a cell holding
 * a comma, a quote or a line break is quoted, quotes doubled), '\n' line ends, and a cell
 * quoted only when it must be, so the bytes stay those of a plain CSV.
 *
 * @param <R> what one row is made from
 */
public final class CsvTable<R> {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    /**
     * One column: its header and how a row's cell is computed. A cell is a {@link Number}
     * (written as Java prints it), a {@link String} (numbers with fixed decimals come as text
     * from {@link #fixed}), or null for an empty cell.
     */
    public record Column<R>(String name, Function<R, Object> cell) {
    }

    private final List<Column<R>> columns;

    public CsvTable(List<Column<R>> columns) {
        this.columns = List.copyOf(columns);
    }

    public static <R> Column<R> column(String name, Function<R, Object> cell) {
        return new Column<>(name, cell);
    }

    /** This table with more columns after its own (one per member, per partition...). */
    public CsvTable<R> with(List<Column<R>> more) {
        List<Column<R>> all = new ArrayList<>(columns);
        all.addAll(more);
        return new CsvTable<>(all);
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** Writes the header at once, then one line per {@link Rows#write}. Closing does not close {@code out}. */
    public Rows<R> open(Writer out) throws IOException {
        Rows<R> rows = openWithoutHeader(out);
        rows.gen.writeStartArray();
        for (String n : names()) {
            rows.gen.writeString(n);
        }
        rows.gen.writeEndArray();
        return rows;
    }

    /** Rows without the header line: more rows of a file whose header was written before (a sweep appends point by point). */
    public Rows<R> openWithoutHeader(Writer out) throws IOException {
        CsvGenerator gen = MAPPER.getFactory().createGenerator(out);
        gen.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        CsvSchema.Builder schema = CsvSchema.builder();
        names().forEach(schema::addColumn);
        gen.setSchema(schema.build());
        return new Rows<>(gen, columns);
    }

    /** An open CSV file taking rows. */
    public static final class Rows<R> implements Closeable {
        private final CsvGenerator gen;
        private final List<Column<R>> columns;

        private Rows(CsvGenerator gen, List<Column<R>> columns) {
            this.gen = gen;
            this.columns = columns;
        }

        public void write(R row) throws IOException {
            gen.writeStartArray();
            for (Column<R> c : columns) {
                Object v = c.cell().apply(row);
                if (v == null) {
                    gen.writeNull();
                } else if (v instanceof Long || v instanceof Integer) {
                    gen.writeNumber(((Number) v).longValue());
                } else if (v instanceof String s) {
                    gen.writeString(s);
                } else {
                    throw new IllegalArgumentException(c.name() + ": a cell is a Long, Integer, String or null, not " + v.getClass());
                }
            }
            gen.writeEndArray();
        }

        @Override
        public void close() throws IOException {
            gen.close();
        }
    }

    /** A number with fixed decimals and '.', whatever the locale (the same bytes everywhere). */
    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
