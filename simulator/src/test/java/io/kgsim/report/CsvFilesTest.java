package io.kgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.kgsim.sim.RunResult;
import io.kgsim.testing.Runs;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CSV files of a two-group run whose group ids hold a comma and a quote, read back by a
 * CSV parser (Jackson's, as pandas would read them): every cell where it belongs, and the long
 * files agreeing with the wide ones and with timeseries.csv.
 */
class CsvFilesTest {
    static final String COMMA = "a,b";
    static final String QUOTE = "say \"hi\"";
    static final int SECONDS = 60;
    static RunResult run;

    @BeforeAll
    static void run() {
        run = Runs.run("""
                name: csv
                seed: 5
                duration: 60s
                topics:
                  - name: t
                    partitions: 6
                    produce:
                      rate: 300/s
                  - name: u
                    partitions: 2
                groups:
                  - group.id: "a,b"
                    subscription: [t]
                    consumers: 2
                    config:
                      auto.offset.reset: earliest
                  - group.id: 'say "hi"'
                    subscription: [t, u]
                    consumers: 3
                    config:
                      auto.offset.reset: earliest
                timeline:
                  - at: 20s
                    stop: 'say "hi"/c1'
                """).result();
    }

    interface CsvWriter {
        void write(RunResult r, java.io.Writer out) throws IOException;
    }

    /** Header, then rows, each a list of cells, as a CSV parser reads them. */
    static List<List<String>> read(CsvWriter writer) throws IOException {
        StringWriter out = new StringWriter();
        writer.write(run, out);
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(out.toString())) {
            it.forEachRemaining(rows::add);
        }
        for (List<String> row : rows) {
            assertEquals(rows.get(0).size(), row.size(), "every row has the header's width: " + row);
        }
        return rows;
    }

    /** Cells by "group|second" (and more key columns), values of the column named. */
    static Map<String, String> index(List<List<String>> rows, String value, String... keys) {
        List<String> header = rows.get(0);
        Map<String, String> out = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            StringBuilder k = new StringBuilder();
            for (String key : keys) {
                k.append(row.get(header.indexOf(key))).append('|');
            }
            out.put(k.toString(), row.get(header.indexOf(value)));
        }
        return out;
    }

    @Test
    void timeseriesKeepsGroupIdsWithCommasAndQuotesInOneCell() throws IOException {
        List<List<String>> rows = read(TimeSeriesCsv::write);
        List<String> header = rows.get(0);
        assertEquals(TimeSeriesCsv.COLUMNS.names(), header.subList(0, TimeSeriesCsv.COLUMNS.names().size()));
        assertEquals(List.of("consumed_per_s.c1", "consumed_per_s.c2", "consumed_per_s.c3"),
                header.subList(TimeSeriesCsv.COLUMNS.names().size(), header.size()));
        assertEquals(1 + 2 * SECONDS, rows.size());
        assertEquals(List.of("1", COMMA), rows.get(1).subList(0, 2));
        assertEquals(List.of("1", QUOTE), rows.get(2).subList(0, 2));
        // Group a,b never had a c3: its cell is empty, not a zero that reads as an idle member.
        assertEquals("", rows.get(1).get(header.indexOf("consumed_per_s.c3")));
        assertEquals("0.0", rows.get(2).get(header.indexOf("consumed_per_s.c3")));
    }

    @Test
    void memberThroughputIsTheWideColumnsInLongFormPerGroup() throws IOException {
        List<List<String>> wide = read(TimeSeriesCsv::write);
        List<List<String>> rows = read(TimeSeriesCsv::writeMembers);
        assertEquals(List.of("time_s", "group", "member", "consumed_per_s"), rows.get(0));
        assertEquals(1 + SECONDS * (2 + 3), rows.size());
        Map<String, String> perMember = index(rows, "consumed_per_s", "group", "time_s", "member");
        int checked = 0;
        for (List<String> w : wide.subList(1, wide.size())) {
            for (String m : List.of("c1", "c2", "c3")) {
                String cell = w.get(wide.get(0).indexOf("consumed_per_s." + m));
                String long_ = perMember.get(w.get(1) + "|" + w.get(0) + "|" + m + "|");
                assertEquals(cell.isEmpty() ? null : cell, long_, w.get(1) + " " + m + " at " + w.get(0));
                checked += cell.isEmpty() ? 0 : 1;
            }
        }
        assertEquals(SECONDS * (2 + 3), checked);
        // The stopped member processes nothing after 20 s, in its own group only.
        assertEquals("0.0", perMember.get(QUOTE + "|50|c1|"));
        assertTrue(Double.parseDouble(perMember.get(COMMA + "|50|c1|")) > 0, "a,b's c1 still consumes");
    }

    @Test
    void partitionLagLongHoldsTheWideCellsAndSumsToTheGroupLag() throws IOException {
        List<List<String>> wide = read(PartitionLagCsv::write);
        List<List<String>> rows = read(PartitionLagCsv::writeLong);
        assertEquals(List.of("time_s", "group", "topic", "partition", "lag"), rows.get(0));
        assertEquals(List.of("time_s", "group", "t-0", "t-1", "t-2", "t-3", "t-4", "t-5", "u-0", "u-1"), wide.get(0));
        // a,b subscribes to t only (6 partitions), the other group to t and u (8).
        assertEquals(1 + SECONDS * (6 + 8), rows.size());
        Map<String, String> lag = index(rows, "lag", "group", "time_s", "topic", "partition");
        assertEquals(1 + 2 * SECONDS, wide.size(), "a wide row per group and second to compare");
        for (List<String> w : wide.subList(1, wide.size())) {
            for (int c = 2; c < w.size(); c++) {
                String[] tp = wide.get(0).get(c).split("-");
                String key = w.get(1) + "|" + w.get(0) + "|" + tp[0] + "|" + tp[1] + "|";
                assertEquals(w.get(c).isEmpty() ? null : w.get(c), lag.get(key), key);
            }
        }
        Map<String, Long> sums = new HashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            sums.merge(r.get(1) + "|" + r.get(0) + "|", Long.parseLong(r.get(4)), Long::sum);
        }
        Map<String, String> groupLag = index(read(TimeSeriesCsv::write), "lag", "group", "time_s");
        assertEquals(2 * SECONDS, groupLag.size());
        groupLag.forEach((k, v) -> assertEquals(Long.parseLong(v), sums.get(k), k));
    }
}
