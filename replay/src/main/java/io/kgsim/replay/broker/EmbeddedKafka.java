package io.kgsim.replay.broker;

import io.kgsim.replay.ReplayException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) in this JVM, on loopback
 * with free ports and a temporary log directory, started from the Maven artifacts: what
 * `kafka-storage format` and `kafka-server-start` do, through their Java entry points
 * ({@link Formatter}, {@link KafkaRaftServer}).
 *
 * <p>{@link #start} returns a usable broker or throws a {@link ReplayException} having stopped
 * everything and deleted the directory; {@link #close} does the same for a started one, and a
 * shutdown hook does it if the JVM exits first (Ctrl-C included).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path logDir;
    private final String bootstrapServers;
    private final Thread shutdownHook;
    private KafkaRaftServer server;
    private boolean stopped;

    private EmbeddedKafka(Path logDir, String bootstrapServers) {
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
        this.shutdownHook = new Thread(this::stop, "kgsim-embedded-kafka-shutdown");
    }

    /**
     * Starts a broker with the given broker configs (Kafka names, e.g.
     * `group.consumer.session.timeout.ms`) over the node's own, its log directory under
     * {@code tempParent}; returns once a client can use it and `__consumer_offsets` is loaded.
     */
    public static EmbeddedKafka start(Map<String, String> brokerConfigs, Path tempParent, Duration timeout) {
        Path logDir;
        try {
            logDir = Files.createTempDirectory(tempParent, "kgsim-kafka-");
        } catch (IOException e) {
            throw new ReplayException("could not start the embedded Kafka broker: cannot create a directory in " + tempParent + ": " + e.getMessage(), e);
        }
        KraftNodeConfig node = KraftNodeConfig.onFreePorts(logDir);
        EmbeddedKafka kafka = new EmbeddedKafka(logDir, node.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
        try {
            kafka.run(node, brokerConfigs, timeout);
            return kafka;
        } catch (Exception | LinkageError e) {   // ConfigException, a port taken, a broken classpath: all end here
            kafka.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ReplayException("could not start the embedded Kafka broker: " + ReplayException.rootMessage(e), e);
        }
    }

    /** {@link #start} with the default temporary directory. */
    public static EmbeddedKafka start(Map<String, String> brokerConfigs, Duration timeout) {
        return start(brokerConfigs, Path.of(System.getProperty("java.io.tmpdir")), timeout);
    }

    private void run(KraftNodeConfig node, Map<String, String> brokerConfigs, Duration timeout) throws InterruptedException {
        // KafkaConfig validates every value (ranges, min <= value <= max); a bad scenario config fails here.
        // It also creates the group.consumer.assignors instances (Utils.newInstance: the thread's
        // context class loader, where `kgsim replay --classpath` puts a user's assignor); the
        // broker's threads are created from this one and inherit that loader.
        KafkaConfig config = KafkaConfig.fromProps(node.properties(brokerConfigs), false);
        format(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        synchronized (this) {
            server = raftServer;
        }
        raftServer.startup();   // returns once the broker is unfenced (BrokerServer RUNNING)
        try (ClusterAdmin admin = ClusterAdmin.connect(bootstrapServers, timeout)) {
            OffsetsTopicWarmUp.run(admin, timeout);
        }
    }

    /**
     * `kafka-storage format`: writes meta.properties and the bootstrap metadata at the latest
     * production metadata.version, whose finalized group.version enables the consumer protocol.
     */
    private void format(KafkaConfig config) {
        try {
            new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(config.nodeId())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(KraftNodeConfig.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString())
                .run();
        } catch (Exception e) {
            throw new ReplayException("formatting " + logDir + " failed: " + ReplayException.rootMessage(e), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker, waits for its threads, deletes the log directory. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to: it calls stop(), which is idempotent
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
        Directories.deleteRecursively(logDir);
    }
}
