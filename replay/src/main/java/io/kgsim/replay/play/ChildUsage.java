package io.kgsim.replay.play;

import io.kgsim.replay.member.ConsumerProcess;
import io.kgsim.replay.member.MemberEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the run's child JVMs cost and how fast they answered, for the progress sink: resident
 * memory and CPU time from /proc (Linux; nothing elsewhere), the time from each start command
 * to the consumer's subscribe, and how long before it the consumer was constructed.
 */
final class ChildUsage {
    /** USER_HZ: the unit of utime/stime in /proc/PID/stat, 100 on every Linux architecture kgsim runs on. */
    private static final double TICKS_PER_SECOND = 100;
    /** The start of the progress line {@link #reportCreations} writes. */
    static final String CREATED_BEFORE_START = "consumer constructed before its start command:";

    private ChildUsage() {
    }

    /** One line over the live processes: RSS and CPU seconds, min-max. */
    static void report(List<ConsumerProcess> live, Consumer<String> progress) {
        List<Double> rssMb = new ArrayList<>();
        List<Double> cpuS = new ArrayList<>();
        for (ConsumerProcess p : live) {
            rss(p.pid()).ifPresent(rssMb::add);
            cpu(p.pid()).ifPresent(cpuS::add);
        }
        if (!rssMb.isEmpty() && !cpuS.isEmpty()) {
            progress.accept(String.format(Locale.ROOT, "%d consumer JVMs at the end: resident memory %.0f-%.0f MB, CPU %.1f-%.1f s each",
                live.size(), min(rssMb), max(rssMb), min(cpuS), max(cpuS)));
        }
    }

    /** One line over the started processes: from the start command to the consumer subscribed, min-max. */
    static void reportStarts(List<Long> startLatencyNanos, Consumer<String> progress) {
        if (!startLatencyNanos.isEmpty()) {
            List<Double> ms = startLatencyNanos.stream().map(n -> n / 1e6).toList();
            progress.accept(String.format(Locale.ROOT, "start command to subscribed: %.1f-%.1f ms (%d starts)", min(ms), max(ms), ms.size()));
        }
    }

    /**
     * One line over the started processes: how long before its start command each consumer was
     * constructed (and had its metadata), min-max; under {@code auto.commit.interval.ms} keeps
     * the first poll a fresh consumer's ({@link ConsumerCreation}).
     */
    static void reportCreations(List<Long> leadNanos, Consumer<String> progress) {
        if (!leadNanos.isEmpty()) {
            List<Double> ms = leadNanos.stream().map(n -> n / 1e6).toList();
            progress.accept(String.format(Locale.ROOT, "%s %.1f-%.1f ms (%d starts)", CREATED_BEFORE_START, min(ms), max(ms), ms.size()));
        }
    }

    static Optional<Long> createdNanos(ConsumerProcess p) {
        return p.events().stream().filter(e -> e.type() == MemberEvent.Type.CREATED).map(MemberEvent::nanos).findFirst();
    }

    static Optional<Long> subscribedNanos(ConsumerProcess p) {
        return p.events().stream().filter(e -> e.type() == MemberEvent.Type.STARTED).map(MemberEvent::nanos).findFirst();
    }

    private static Optional<Double> rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return Optional.empty();
    }

    private static Optional<Double> cpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command name: state is field 3 of stat(5), utime 14 and stime 15
            return Optional.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
