package io.kgsim.batch;

import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The engines on the class path, by name: {@code local} always; {@code spark} when the spark
 * module's jar is there (its {@code META-INF/services/io.kgsim.batch.SweepEngine} names it).
 */
public final class SweepEngines {
    private SweepEngines() {
    }

    /** The engine called {@code name}, if one on the class path is. */
    public static Optional<SweepEngine> find(String name) {
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every engine's name, sorted. */
    public static TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        ServiceLoader.load(SweepEngine.class).forEach(e -> names.add(e.name()));
        return names;
    }
}
