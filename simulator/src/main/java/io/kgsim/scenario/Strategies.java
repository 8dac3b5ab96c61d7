package io.kgsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;

/**
 * Strategy names to assignor classes: the four kafka-clients assignors of the classic protocol,
 * the two group-coordinator assignors of the consumer protocol (KIP-848), or any class on the
 * classpath that implements one of the two assignor interfaces.
 */
public final class Strategies {
    private static final Map<String, Strategy> BUILT_IN = new LinkedHashMap<>();

    static {
        add("range", GroupProtocol.CLASSIC, "org.apache.kafka.clients.consumer.RangeAssignor");
        add("roundrobin", GroupProtocol.CLASSIC, "org.apache.kafka.clients.consumer.RoundRobinAssignor");
        add("sticky", GroupProtocol.CLASSIC, "org.apache.kafka.clients.consumer.StickyAssignor");
        add("cooperative-sticky", GroupProtocol.CLASSIC, "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        add("consumer-uniform", GroupProtocol.CONSUMER, "org.apache.kafka.coordinator.group.assignor.UniformAssignor");
        add("consumer-range", GroupProtocol.CONSUMER, "org.apache.kafka.coordinator.group.assignor.RangeAssignor");
    }

    private static final String SERVER_SIDE_INTERFACE = "org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor";

    private Strategies() {
    }

    private static void add(String name, GroupProtocol protocol, String className) {
        BUILT_IN.put(name, new Strategy(name, protocol, className));
    }

    public static List<String> builtInNames() {
        return new ArrayList<>(BUILT_IN.keySet());
    }

    /**
     * Resolves a short name or a fully qualified class name.
     *
     * @throws IllegalArgumentException with a one-sentence reason fit for the user
     */
    public static Strategy resolve(String nameOrClass) {
        Strategy s = BUILT_IN.get(nameOrClass);
        if (s != null) {
            return s;
        }
        for (Strategy b : BUILT_IN.values()) {
            if (b.className().equals(nameOrClass) && b.protocol() == GroupProtocol.CLASSIC) {
                return b;
            }
        }
        if (!nameOrClass.contains(".")) {
            throw new IllegalArgumentException("unknown strategy '" + nameOrClass + "'" + Suggestions.didYouMean(nameOrClass, BUILT_IN.keySet())
                    + " (known: " + String.join(", ", BUILT_IN.keySet()) + ", or a fully qualified assignor class name)");
        }
        Class<?> c;
        ClassLoader loader = loader();
        try {
            c = Class.forName(nameOrClass, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("the assignor class '" + nameOrClass + "' is not on the classpath (searched: "
                    + searched(loader) + "); add its jar or class directory with --classpath or KGSIM_CLASSPATH");
        }
        if (ConsumerPartitionAssignor.class.isAssignableFrom(c)) {
            checkInstantiable(c);
            return new Strategy(nameOrClass, GroupProtocol.CLASSIC, nameOrClass);
        }
        if (implementsByName(c, SERVER_SIDE_INTERFACE)) {
            checkInstantiable(c);
            return new Strategy(nameOrClass, GroupProtocol.CONSUMER, nameOrClass);
        }
        throw new IllegalArgumentException("the class '" + nameOrClass + "' implements neither ConsumerPartitionAssignor (classic protocol) nor ConsumerGroupPartitionAssignor (consumer protocol)");
    }

    /**
     * The thread's context class loader, where the command line puts {@code --classpath}: Kafka
     * creates each member's assignor instances through the same loader
     * ({@code ConsumerPartitionAssignor.getAssignorInstances}), so what resolves here also runs.
     */
    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Strategies.class.getClassLoader();
    }

    /** The user's classpath entries the loader added, then kgsim's own. */
    private static String searched(ClassLoader loader) {
        List<String> entries = new ArrayList<>();
        for (ClassLoader l = loader; l != null && l != Strategies.class.getClassLoader(); l = l.getParent()) {
            if (l instanceof java.net.URLClassLoader u) {
                for (java.net.URL url : u.getURLs()) {
                    entries.add(url.getProtocol().equals("file") ? java.nio.file.Path.of(java.net.URI.create(url.toString())).toString() : url.toString());
                }
            }
        }
        entries.add("kgsim's own classes");
        return String.join(", ", entries);
    }

    private static void checkInstantiable(Class<?> c) {
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("the assignor class '" + c.getName() + "' has no public no-argument constructor");
        }
        if (java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
            throw new IllegalArgumentException("the assignor class '" + c.getName() + "' is abstract");
        }
    }

    private static boolean implementsByName(Class<?> c, String iface) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (i.getName().equals(iface) || implementsByName(i, iface)) {
                    return true;
                }
            }
        }
        return false;
    }
}
