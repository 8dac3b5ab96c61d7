package io.kgsim.spark;

import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Where a sweep's Spark job runs: the session the process already has (a notebook, a test),
 * else the one spark-submit configured ({@code spark.master} set), else Spark embedded in this
 * JVM on {@code local[*]} ({@code local[N]} with {@code --threads N}).
 */
final class SparkSessions {
    /** Spark sets this system property in a JVM that spark-submit launched. */
    static final String MASTER = "spark.master";

    private SparkSessions() {
    }

    /** A session to run on, and whether it is ours to stop when the sweep is done. */
    record Lease(SparkSession session, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                session.stop();
            }
        }
    }

    /** @param threads runs at once on the embedded session (null: every core); a cluster's executors decide their own */
    static Lease acquire(Integer threads) {
        Option<SparkSession> existing = SparkSession.getActiveSession();
        if (existing.isEmpty()) {
            existing = SparkSession.getDefaultSession();
        }
        if (existing.isDefined()) {
            return new Lease(existing.get(), false);
        }
        SparkSession.Builder builder = SparkSession.builder().appName("kgsim sweep");
        if (System.getProperty(MASTER) == null) {
            builder.master("local[" + (threads == null ? "*" : threads.toString()) + "]")
                    // Embedded: no web UI (a port, a second of start-up) nor Spark's own progress bar (kgsim draws one).
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    // One process: no need to resolve the host's name, which fails on some laptops and containers.
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        return new Lease(builder.getOrCreate(), true);
    }
}
