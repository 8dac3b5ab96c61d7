package io.kgsim.replay.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The properties of a single-node KRaft cluster: one process that is both broker and controller
 * (`process.roles=broker,controller`), listening on loopback only, with every internal topic at
 * replication factor 1 (there is one broker to hold a replica).
 */
record KraftNodeConfig(int brokerPort, int controllerPort, Path logDir) {
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Two free loopback ports: a static quorum (`controller.quorum.voters`) cannot use port 0. */
    static KraftNodeConfig onFreePorts(Path logDir) {
        return new KraftNodeConfig(freePort(), freePort(), logDir);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The node's properties, then the caller's broker configs over them (a scenario may set any broker config). */
    Properties properties(Map<String, String> brokerConfigs) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.putAll(brokerConfigs);
        return p;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
