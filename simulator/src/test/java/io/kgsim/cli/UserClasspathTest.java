package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.testing.Cli.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --classpath}: a user's assignor, compiled and jarred here, is found by name and run by
 * every member, as {@code ./kgsim} would run it ({@code java -jar} ignores {@code CLASSPATH}).
 */
class UserClasspathTest {
    @TempDir
    static Path tmp;
    private static Path jar;
    private static Path scenario;

    /** Round robin in reverse: the last partition goes to the first member, so its assignment is recognisable. */
    private static final String SOURCE = """
            package com.example;

            import java.util.*;
            import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
            import org.apache.kafka.common.Cluster;
            import org.apache.kafka.common.TopicPartition;

            public class ReverseAssignor implements ConsumerPartitionAssignor {
                @Override
                public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
                    Map<String, Subscription> subs = group.groupSubscription();
                    List<String> members = new ArrayList<>(new TreeSet<>(subs.keySet()));
                    List<TopicPartition> all = new ArrayList<>();
                    for (String topic : new TreeSet<>(subs.values().iterator().next().topics())) {
                        for (int p = metadata.partitionCountForTopic(topic) - 1; p >= 0; p--) {
                            all.add(new TopicPartition(topic, p));
                        }
                    }
                    Map<String, List<TopicPartition>> out = new HashMap<>();
                    members.forEach(m -> out.put(m, new ArrayList<>()));
                    for (int i = 0; i < all.size(); i++) {
                        out.get(members.get(i % members.size())).add(all.get(i));
                    }
                    Map<String, Assignment> result = new HashMap<>();
                    out.forEach((m, parts) -> result.put(m, new Assignment(parts)));
                    return new GroupAssignment(result);
                }

                @Override
                public String name() {
                    return "reverse";
                }
            }
            """;

    @BeforeAll
    static void buildTheJar() throws IOException {
        Path src = tmp.resolve("src/com/example/ReverseAssignor.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "the test assignor compiles");
        jar = tmp.resolve("assignors.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        scenario = Files.writeString(tmp.resolve("user.yaml"), """
                name: user
                seed: 5
                duration: 20s
                topics:
                  - name: t
                    partitions: 4
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                """);
    }

    @Test
    void runLoadsTheAssignorFromTheClasspathOptionAndEveryMemberRunsIt() throws IOException {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Path out = tmp.resolve("out");
        Outcome o = kgsim("run", scenario.toString(), "--classpath", jar.toString(), "--strategy", "com.example.ReverseAssignor", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("kgsim run user  seed=5  strategy=com.example.ReverseAssignor"), o.out());
        assertTrue(o.out().contains("group g (com.example.ReverseAssignor, classic protocol)"), o.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("[\"t-1\",\"t-3\"]", summary.get("finalAssignment").get("c1").toString(), "reverse order: c1 got t-3 and t-1");
        assertEquals("[\"t-0\",\"t-2\"]", summary.get("finalAssignment").get("c2").toString());
        assertFalse(Files.readString(out.resolve("trace.jsonl")).contains("member-failed"), "every member created its assignor");
        assertSame(before, Thread.currentThread().getContextClassLoader(), "the command restores the thread's class loader");
    }

    @Test
    void compareAndValidateSeeItToo() throws IOException {
        Path named = Files.writeString(tmp.resolve("named.yaml"), Files.readString(scenario).replace("consumers: 2",
                "consumers: 2\n    config:\n      partition.assignment.strategy: com.example.ReverseAssignor"));
        assertEquals(0, kgsim("validate", named.toString(), "--classpath", jar.toString()).code());
        Outcome without = kgsim("validate", named.toString());
        assertEquals(2, without.code());
        assertTrue(without.err().contains("'com.example.ReverseAssignor' is not on the classpath"), without.err());

        Outcome compare = kgsim("compare", scenario.toString(), "--classpath", jar.toString(), "--strategies", "range,com.example.ReverseAssignor",
                "--threads", "2", "--trace", "none", "--out", tmp.resolve("cmp").toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(Files.exists(tmp.resolve("cmp/ReverseAssignor/summary.json")), "the worker thread saw the classpath");
    }

    @Test
    void aWrongClassNameIsExitTwoNamingTheClasspathSearched() {
        Outcome o = kgsim("run", scenario.toString(), "--classpath", jar.toString(), "--strategy", "com.example.NoSuchAssignor",
                "--out", tmp.resolve("never").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("'com.example.NoSuchAssignor' is not on the classpath (searched: " + jar + ", kgsim's own classes)"), o.err());
        assertEquals("", o.out());
        Outcome missing = kgsim("run", scenario.toString(), "--classpath", tmp.resolve("nope.jar").toString(), "--strategy", "range");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--classpath: " + tmp.resolve("nope.jar") + " does not exist"), missing.err());
    }

    @Test
    void entriesComeFromTheEnvironmentThenTheOption() {
        String sep = java.io.File.pathSeparator;
        assertEquals(List.of(Path.of("a.jar"), Path.of("b"), Path.of("c.jar")), UserClasspath.entries("a.jar" + sep + sep + "b", "c.jar"));
        assertEquals(List.of(), UserClasspath.entries(null, null));
    }
}
