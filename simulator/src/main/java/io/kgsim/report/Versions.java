package io.kgsim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.common.utils.internals.AppInfoParser;

/**
 * What ran: kgsim's version, from a resource Maven fills in with the pom's version (the same in
 * the jar, in tests and in an IDE, unlike a manifest entry, so outputs stay byte-identical), and
 * the version of the kafka-clients jar whose assignors ran.
 */
public final class Versions {
    private static final String KGSIM = load();

    private Versions() {
    }

    public static String kgsim() {
        return KGSIM;
    }

    public static String kafkaClients() {
        return AppInfoParser.getVersion();
    }

    /** {@code kgsimVersion} and {@code kafkaClientsVersion}, as summary.json and comparison.json record them. */
    static void put(ObjectNode o) {
        o.put("kgsimVersion", kgsim());
        o.put("kafkaClientsVersion", kafkaClients());
    }

    private static String load() {
        try (InputStream in = Versions.class.getResourceAsStream("/io/kgsim/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/kgsim/version.properties is missing from the class path: build with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("kgsim.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
