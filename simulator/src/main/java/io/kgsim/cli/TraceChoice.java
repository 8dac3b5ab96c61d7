package io.kgsim.cli;

import io.kgsim.report.TraceOptions;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --trace full|protocol|none} and {@code --trace-gzip}, shared by run and compare. */
final class TraceChoice {
    @Option(names = "--trace", paramLabel = "MODE", converter = ModeConverter.class, completionCandidates = Modes.class,
            description = "What trace.jsonl holds: full (every event, the default), protocol (every event but "
                    + "offsets-committed, usually most of the file) or none (no trace file).")
    TraceOptions.Mode mode = TraceOptions.Mode.FULL;

    @Option(names = "--trace-gzip", description = "Write the trace gzip-compressed, as trace.jsonl.gz.")
    boolean gzip;

    TraceOptions options() {
        return new TraceOptions(mode, gzip);
    }

    /** Lower-case names, and an error that lists them. */
    static final class ModeConverter implements ITypeConverter<TraceOptions.Mode> {
        @Override
        public TraceOptions.Mode convert(String value) {
            for (TraceOptions.Mode m : TraceOptions.Mode.values()) {
                if (m.label().equals(value)) {
                    return m;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a trace mode; choose " + labels());
        }
    }

    static final class Modes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(TraceOptions.Mode.values()).map(TraceOptions.Mode::label).iterator();
        }
    }

    static String labels() {
        java.util.List<String> names = Arrays.stream(TraceOptions.Mode.values()).map(TraceOptions.Mode::label).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
