package io.kgsim.report;

import io.kgsim.protocol.GroupEventType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * What a run writes of its trace: every event ({@code full}), every event but the commits
 * ({@code protocol}: in a busy group {@code offsets-committed} is nearly all of the file), or no
 * trace at all ({@code none}); optionally gzip-compressed. Java's gzip header holds no time, so
 * the same run gives the same compressed bytes.
 */
public record TraceOptions(Mode mode, boolean gzip) {
    public static final TraceOptions FULL = new TraceOptions(Mode.FULL, false);

    /** {@code --trace}: names as the user types them. */
    public enum Mode {
        FULL("full"), PROTOCOL("protocol"), NONE("none");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The events this mode writes. */
        Set<GroupEventType> events() {
            return switch (this) {
                case FULL -> EnumSet.allOf(GroupEventType.class);
                case PROTOCOL -> EnumSet.complementOf(EnumSet.of(GroupEventType.OFFSETS_COMMITTED));
                case NONE -> EnumSet.noneOf(GroupEventType.class);
            };
        }
    }

    /** The trace's file name, or null when none is written. */
    public String fileName() {
        return mode == Mode.NONE ? null : gzip ? "trace.jsonl.gz" : "trace.jsonl";
    }

    /** A writer into {@code output}'s staging, or null for {@code none}. */
    TraceWriter open(RunOutput output) throws IOException {
        if (mode == Mode.NONE) {
            return null;
        }
        OutputStream file = Files.newOutputStream(output.file(fileName()));
        OutputStream out = gzip ? new GZIPOutputStream(file, 1 << 16) : new BufferedOutputStream(file, 1 << 16);
        return new TraceWriter(out, mode.events());
    }
}
