package io.kgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The trace is encoded on a second thread: the file must still be every event, in order, and a failure must surface. */
class TraceWriterTest {
    private static GroupEvent assigned(int i) {
        List<TopicPartition> tps = List.of(new TopicPartition("t", i % 7), new TopicPartition("t", 7 + i % 5));
        return GroupEvent.ownership(i * 1_500L, GroupEventType.PARTITIONS_ASSIGNED, "g", "c" + (i % 3), Epoch.generation(i / 100), null, tps, tps);
    }

    @Test
    void writesEveryEventInOrderAcrossManyBatches() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 50_000;   // a dozen hand-overs and a partial last batch
        try (TraceWriter w = new TraceWriter(out)) {
            for (int i = 0; i < n; i++) {
                w.on(assigned(i));
            }
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(n, lines.length);
        for (int i : new int[] {0, 1, 4095, 4096, 4097, 49_999}) {
            GroupEvent e = assigned(i);
            String expected = "{\"t\":" + io.kgsim.engine.Durations.millisText(e.timeUs()) + ",\"event\":\"partitions-assigned\",\"group\":\"g\",\"member\":\"c"
                    + (i % 3) + "\",\"generation\":" + (i / 100) + ",\"partitions\":[\"t-" + (i % 7) + "\",\"t-" + (7 + i % 5) + "\"],\"owned\":[\"t-"
                    + (i % 7) + "\",\"t-" + (7 + i % 5) + "\"]}";
            assertEquals(expected, lines[i], "line " + i);
        }
    }

    @Test
    void aWriteFailureReachesTheSimulationThreadOrClose() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        TraceWriter w = new TraceWriter(broken);
        // Jackson buffers 8 KB before writing, so the failure comes from a later batch or from close().
        IOException failure = assertThrows(IOException.class, () -> {
            try (w) {
                for (int i = 0; i < 200_000; i++) {
                    w.on(assigned(i));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
        assertTrue(failure.getMessage().contains("disk full"), failure.getMessage());
    }
}
