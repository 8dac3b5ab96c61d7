package io.kgsim.replay.play;

import io.kgsim.replay.ReplayException;
import io.kgsim.replay.broker.BrokerTarget;
import io.kgsim.replay.member.ConsumerSpec;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The real half of a replay: the scenario's topics on a real cluster, every member a
 * {@code KafkaConsumer} in a child JVM of its own, the timeline carried out on the wall clock,
 * every ownership change recorded as the consumers' rebalance listeners saw it.
 *
 * <p>Time 0 (t0) is the moment the initial members are told to start. Each JVM is spawned and
 * its consumer constructed before its start is due (all of those starting within the first
 * {@value #SPAWN_LEAD_S} s before t0, later ones that long ahead) and warmed up, so JVM start-up
 * stays out of the measurement; each consumer is constructed shortly before its start
 * ({@link ConsumerCreation}); what is left is the start command to the first poll (a few ms).
 */
public final class RealRun {
    static final int SPAWN_LEAD_S = 30;
    /** Between the scenario's group id and the process number: each child's throwaway group ({@code ConsumerSpec#warmUpGroupId}). */
    static final String WARM_UP_GROUP = ".kgsim-warm-up.";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final long WATCH_MILLIS = 50;
    /** After the last JVM is ready: its JIT and its client's background threads calm down before t0. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private RealRun() {
    }

    /** The timeline actions a real run cannot carry out, each "file:line:column: label: why"; empty when it can run. */
    public static List<String> notReplayable(Scenario scenario) {
        return Replayability.of(scenario).errors();
    }

    /** Those and what the replay leaves out on both sides (notes, not errors). */
    public static Replayability check(Scenario scenario) {
        return Replayability.of(scenario);
    }

    /** The broker configs to start an embedded broker with, Kafka's names: see {@link KafkaSettings#brokerConfigs}. */
    public static Map<String, String> brokerConfigs(Scenario scenario) {
        return KafkaSettings.brokerConfigs(scenario);
    }

    /**
     * Plays {@code scenario} on {@code target} for the scenario's duration, then closes every
     * consumer. {@code progress} hears one line per phase, then how late the steps took effect, the
     * start latency and each consumer JVM's memory and CPU. The caller closes
     * the target; no process of this run outlives this call, whether it returns or throws.
     *
     * @throws ReplayException with one paragraph when the scenario has a timeline action a real
     *                         run cannot carry out, a consumer JVM dies on its own, the broker stops
     *                         answering, or a step fails
     */
    public static Recording play(Scenario scenario, BrokerTarget target, Consumer<String> progress) {
        return play(scenario, target, List.of(), progress);
    }

    /**
     * {@link #play(Scenario, BrokerTarget, Consumer)} with the user's {@code --classpath} entries
     * on every consumer JVM's class path, where a classic assignor of the user's runs.
     */
    public static Recording play(Scenario scenario, BrokerTarget target, List<Path> userClasspath, Consumer<String> progress) {
        List<String> errors = notReplayable(scenario);
        if (!errors.isEmpty()) {
            throw new ReplayException("the scenario cannot be replayed against a real broker: " + String.join("; ", errors));
        }
        List<Step> steps = TimelinePlan.of(scenario);
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (TopicSpec t : scenario.topics()) {
            partitions.put(t.name(), t.partitions());
        }
        // the consumer protocol's uniform assignor orders topics by id: the simulation takes these
        Map<String, String> topicIds = new TreeMap<>();
        target.createTopics(partitions).forEach((topic, id) -> topicIds.put(topic, id.toString()));
        TopicNames topics = new TopicNames(scenario, target);
        MemberProcesses processes = new MemberProcesses(userClasspath);
        Function<Step.Start, ConsumerSpec> specs = start -> spec(scenario, target, topics, start);
        Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers()));
        Playback playback = new Playback(processes, specs, targets(admin, topics), progress, CLOSE_TIMEOUT);
        try {
            return run(scenario, steps, processes, specs, playback, new BrokerWatch(admin, target.bootstrapServers(), BrokerWatch.EVERY, BrokerWatch.ANSWER_WITHIN), topics, progress)
                .withTopicIds(topicIds);
        } catch (RuntimeException e) {
            throw e instanceof ReplayException r ? r : new ReplayException("the real run failed: " + ReplayException.rootMessage(e), e);
        } finally {
            // children first: a broker that stopped answering must not hold them up
            playback.close();
            processes.killAll();
            admin.close(ADMIN_TIMEOUT);
        }
    }

    private static Recording run(Scenario scenario, List<Step> steps, MemberProcesses processes, Function<Step.Start, ConsumerSpec> specs,
                                 Playback playback, BrokerWatch watch, TopicNames topics, Consumer<String> progress) {
        long leadUs = TimeUnit.SECONDS.toMicros(SPAWN_LEAD_S);
        long spawnStart = System.nanoTime();
        for (Step step : steps) {
            if (step.op() instanceof Step.Start s && step.atUs() <= leadUs) {
                processes.spawn(s, specs.apply(s));
            }
        }
        processes.awaitReady(READY_TIMEOUT);
        sleep(SETTLE.toMillis());
        progress.accept("consumer JVMs ready in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawnStart) + " ms; playing "
            + steps.size() + " steps over " + TimeUnit.MICROSECONDS.toMillis(scenario.durationUs()) + " ms");
        long t0 = playback.start(steps, leadUs, step -> ConsumerCreation.atUs(scenario, step));
        long end = t0 + TimeUnit.MICROSECONDS.toNanos(scenario.durationUs());
        while (System.nanoTime() < end) {
            playback.failure().ifPresent(f -> {
                throw new ReplayException("the real run stopped " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                    + " ms into the scenario, and every consumer with it: " + f.getMessage(), f);
            });
            watch.check();
            sleep(Math.min(WATCH_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
        playback.close();
        ChildUsage.report(processes.slotsInOrder().stream().map(MemberProcesses.Slot::process).filter(p -> p.isAlive()).toList(), progress);
        processes.closeAll(CLOSE_TIMEOUT);
        return record(scenario, steps, processes, playback, topics, t0, progress);
    }

    private static Recording record(Scenario scenario, List<Step> steps, MemberProcesses processes, Playback playback, TopicNames topics,
                                    long t0, Consumer<String> progress) {
        RecordingBuilder recording = new RecordingBuilder(t0, scenario.durationUs(), topics);
        List<Long> startLatency = new ArrayList<>();
        List<Long> createLead = new ArrayList<>();
        for (int slot = 0; slot < steps.size(); slot++) {
            MemberProcesses.Slot s = processes.slot(slot);
            if (s != null) {
                int process = slot;
                playback.startSentNanos(slot).ifPresent(sent -> {
                    ChildUsage.subscribedNanos(processes.slot(process).process()).ifPresent(subscribed -> startLatency.add(subscribed - sent));
                    ChildUsage.createdNanos(processes.slot(process).process()).ifPresent(created -> createLead.add(sent - created));
                });
                recording.add(s.member(), s.process().events());
                Long killed = processes.killedAt(slot);
                if (killed != null) {
                    recording.killed(s.member(), killed, s.process().events());
                }
            }
        }
        ChildUsage.reportStarts(startLatency, progress);
        ChildUsage.reportCreations(createLead, progress);
        return recording.build(ActionTimes.of(scenario, steps, playback, recording, progress));
    }

    private static ConsumerSpec spec(Scenario scenario, BrokerTarget target, TopicNames topics, Step.Start start) {
        GroupSpec group = scenario.group(start.member().group());
        // the warm-up group is the target's too, so that it is deleted with the run's group
        String warmUpGroup = target.groupId(group.groupId() + WARM_UP_GROUP + start.process());
        return new ConsumerSpec(start.member().member(), target.bootstrapServers(), target.groupId(group.groupId()),
            topics.real(start.topics()), KafkaSettings.consumerConfigs(group, start.number()), warmUpGroup);
    }

    private static Playback.StepTargets targets(Admin admin, TopicNames topics) {
        return new Playback.StepTargets() {
            @Override
            public void addPartitions(String scenarioTopic, int count) {
                try {
                    admin.createPartitions(Map.of(topics.real(scenarioTopic), NewPartitions.increaseTo(count)))
                        .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    throw new ReplayException("could not add partitions to " + scenarioTopic + ": " + ReplayException.rootMessage(e), e);
                }
            }

            @Override
            public List<String> realTopics(List<String> scenarioTopics) {
                return new ArrayList<>(topics.real(scenarioTopics));
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("the real run was interrupted", e);
        }
    }
}
