package io.kgsim.sim;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.DataPlane;
import io.kgsim.cluster.Network;
import io.kgsim.cluster.TopicProduction;
import io.kgsim.consumer.ConsumerApp;
import io.kgsim.engine.RandomStreams;
import io.kgsim.engine.Simulation;
import io.kgsim.fault.Timeline;
import io.kgsim.invariant.InvariantChecker;
import io.kgsim.metrics.DataPlaneLedger;
import io.kgsim.metrics.DataPlaneListener;
import io.kgsim.metrics.GroupProbe;
import io.kgsim.metrics.GroupStateAverages;
import io.kgsim.metrics.MemberTimeline;
import io.kgsim.metrics.OwnershipLedger;
import io.kgsim.metrics.RebalanceDurations;
import io.kgsim.metrics.TimeSeriesRecorder;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.GroupEvents;
import io.kgsim.protocol.GroupMember;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TimelineEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * Wires a scenario into one simulation and runs it to its end: the cluster and its data, one
 * coordinator per broker hosting groups, the groups and their consumers, the timeline, and the
 * observers (ownership and data-plane ledgers, the time-series sampler, the invariant checker,
 * any listener the caller adds such as the trace writer).
 */
public final class ScenarioRun {
    private final Scenario scenario;
    private final Simulation sim;
    private final DataPlane data;
    private final GroupEvents events = new GroupEvents();
    private final Map<String, GroupRuntime> groups = new LinkedHashMap<>();
    private final Map<String, OwnershipLedger> ownership = new LinkedHashMap<>();
    private final Map<String, DataPlaneLedger> ledgers = new LinkedHashMap<>();
    private final Map<String, List<Long>> rebalanceStarts = new LinkedHashMap<>();
    private final Map<String, GroupStateAverages> states = new LinkedHashMap<>();
    private final Map<String, RebalanceDurations> rebalanceDurations = new LinkedHashMap<>();
    private final InvariantChecker checker;
    private final TimeSeriesRecorder recorder;
    private final MemberTimeline timeline = new MemberTimeline();
    private final MemberFailures failures = new MemberFailures();

    public ScenarioRun(Scenario scenario, RunOptions options) {
        this.scenario = scenario;
        this.sim = new Simulation(scenario.seed());
        RandomStreams streams = new RandomStreams(scenario.seed());
        ClusterModel cluster = new ClusterModel(scenario.cluster(), scenario.topics(), scenario.seed());
        data = new DataPlane(cluster, scenario.topics(), scenario.cluster().config().rackAwareFetch());
        Network network = new Network(sim, streams, scenario.network().latency());
        checker = new InvariantChecker(scenario.seed(), scenario.name(), options.strictInvariants());
        DataPlaneListener allLedgers = new DataPlaneListener() {
            @Override
            public PartitionSink partition(String group, TopicPartition tp) {
                return ledgers.get(group).partition(group, tp);
            }

            @Override
            public MemberSink member(String group, String member) {
                return ledgers.get(group).member(group, member);
            }
        };
        List<GroupProbe> probes = new ArrayList<>();
        for (GroupSpec g : scenario.groups()) {
            GroupRuntime runtime = new GroupRuntime(sim, network, scenario.cluster().config(), cluster, data, streams, events, allLedgers,
                    options.assignorCalls(), g, scenario.simulation().batchIntervalUs(), observeGroup(g.groupId()));
            groups.put(g.groupId(), runtime);
            probes.add(runtime);
            checker.register(runtime);
        }
        addRunObservers(options);
        recorder = new TimeSeriesRecorder(sim, data, probes, ownership, ledgers, states, scenario.durationUs());
        for (GroupRuntime g : groups.values()) {
            int n = g.spec().consumers();
            sim.schedule(0, () -> g.startNew(n));
        }
        new Timeline(sim, groups, data, events).schedule(scenario.timeline());
    }

    /**
     * The group's own observers, in the order they hear its events: ownership, data plane,
     * time-weighted state averages, rebalance durations. Returns its ownership ledger.
     */
    private OwnershipLedger observeGroup(String groupId) {
        OwnershipLedger own = new OwnershipLedger(groupId, List.of());
        ownership.put(groupId, own);
        events.add(own);
        DataPlaneLedger ledger = new DataPlaneLedger(groupId, data);
        ledgers.put(groupId, ledger);
        events.add(ledger);
        GroupStateAverages state = new GroupStateAverages(groupId, data);
        states.put(groupId, state);
        events.add(state);
        RebalanceDurations durations = new RebalanceDurations(groupId);
        rebalanceDurations.put(groupId, durations);
        events.add(durations);
        rebalanceStarts.put(groupId, new ArrayList<>());
        return own;
    }

    /** Observers of the whole run, after every group's own: rebalance starts, checker, timeline, failures, the caller's. */
    private void addRunObservers(RunOptions options) {
        events.add(e -> {
            if (e.type() == GroupEventType.REBALANCE_STARTED) {
                rebalanceStarts.get(e.group()).add(e.timeUs());
            }
        });
        events.add(checker);
        events.add(timeline);
        events.add(failures);
        for (GroupEventListener l : options.listeners()) {
            events.add(l);
        }
        sim.addObserver(checker);
    }

    /** Runs up to {@code untilUs} (for tests that look at the state mid-run); {@link #run()} finishes. */
    public void runUntil(long untilUs) {
        sim.run(Math.min(untilUs, scenario.durationUs()));
    }

    public DataPlaneLedger ledger(String group) {
        return ledgers.get(group);
    }

    public RunResult run() {
        sim.run(scenario.durationUs());
        long end = scenario.durationUs();
        recorder.sampleEnd(end);
        checker.finish(end);
        long produced = 0;
        for (TopicProduction t : data.topics()) {
            for (int p = 0; p < t.partitions(); p++) {
                produced += t.logEndOffset(p, end);
            }
        }
        List<GroupResult> results = new ArrayList<>();
        for (GroupRuntime g : groups.values()) {
            results.add(groupResult(g, end));
        }
        List<RunResult.Mark> marks = new ArrayList<>();
        for (TimelineEntry e : scenario.timeline()) {
            marks.add(new RunResult.Mark(e.atUs(), e.action().label()));
        }
        return new RunResult(scenario.name(), scenario.seed(), end, sim.eventsRun(), List.copyOf(results),
                checker.violations(), checker.messages(), produced, List.copyOf(recorder.rows()),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ledgers)), List.copyOf(marks),
                checker.strandedPartitions(), warnings(results), List.copyOf(recorder.partitionLags()),
                List.copyOf(timeline.intervals(end)), checker.staleReconciliations(), checker.staleReconciliationUs());
    }

    /** One group's outcome at {@code end}: its figures, and its running members' final assignment. */
    private GroupResult groupResult(GroupRuntime g, long end) {
        OwnershipLedger own = ownership.get(g.groupId());
        own.finish(end);
        DataPlaneLedger ledger = ledgers.get(g.groupId());
        Map<String, List<String>> assignment = new LinkedHashMap<>();
        int epoch = -1;
        for (GroupMember m : g.aliveMembers()) {
            List<String> parts = new ArrayList<>();
            for (TopicPartition tp : m.owned()) {
                parts.add(tp.topic() + "-" + tp.partition());
            }
            assignment.put(m.name(), List.copyOf(parts));
            epoch = Math.max(epoch, m.epoch().value());
        }
        long groupProduced = 0;
        for (TopicPartition tp : g.subscribedPartitions()) {
            groupProduced += data.logEndOffset(tp, end);
        }
        GroupStateAverages state = states.get(g.groupId());
        RebalanceDurations durations = rebalanceDurations.get(g.groupId());
        return new GroupResult(g.groupId(), g.spec().config().strategyNames(), g.spec().config().protocol().configValue(),
                own.rebalances(), own.partitionMovements(), own.unownedPartitionUs(), epoch, assignment,
                groupProduced, ledger.processed(), ledger.duplicated(), ledger.lost(), recorder.maxLag(g.groupId()),
                state.runMaxOverMeanLoad(), state.runPartitionCountSpread(), ledger.crossRackBytes(),
                own.movementsPerEpoch(), List.copyOf(rebalanceStarts.get(g.groupId())), durations.durationsUs(), durations.open(),
                ledger.recordLatency(), memberIds(g), !g.spec().memberIds().isEmpty());
    }

    /** Member name -> its member ids in order, in name order (c1, c2, ..., c10). */
    private static Map<String, List<String>> memberIds(GroupRuntime g) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ConsumerApp c : g.allConsumers()) {
            out.put(c.member().name(), c.member().memberIds());
        }
        return Collections.unmodifiableMap(out);
    }

    /** What the scenario accepted but does not model, then fatal member failures, then the checker's notes. */
    private List<String> warnings(List<GroupResult> results) {
        List<String> all = new ArrayList<>(scenario.warnings());
        all.addAll(failures.warnings());
        all.addAll(checker.warnings());
        for (GroupResult r : results) {
            all.addAll(derivedPastFixedIds(groups.get(r.group()).spec(), r));
        }
        for (GroupResult r : results) {
            if (r.recordsLost() > 0 && !"earliest".equals(groups.get(r.group()).spec().config().values().get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG))) {
                // Kafka's default auto.offset.reset=latest starts a partition without a committed
                // offset at its log end: what was produced before the group's first assignment is
                // skipped, which a new user reads as a bug unless told.
                all.add(String.format(Locale.ROOT, "group %s: %,d records were never processed: with auto.offset.reset=%s (Kafka's default "
                        + "is latest) a partition without a committed offset starts at its log end, skipping what was produced before; "
                        + "set auto.offset.reset: earliest to process them", r.group(), r.recordsLost(),
                        groups.get(r.group()).spec().config().values().get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)));
            }
        }
        return List.copyOf(all);
    }

    /**
     * Members that got more ids than the scenario fixes for them: the rest were derived from the
     * seed, which a replay must know (its real run's ids ran out before the simulation's).
     */
    private static List<String> derivedPastFixedIds(GroupSpec spec, GroupResult r) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : r.memberIds().entrySet()) {
            int fixed = spec.memberIdsOf(e.getKey()).size();
            if (fixed > 0 && e.getValue().size() > fixed) {
                out.add(String.format(Locale.ROOT, "group %s: member %s got %d member ids but the scenario fixes %d; the ids after the %s "
                        + "were derived from the seed (see summary.json's memberIds)", r.group(), e.getKey(), e.getValue().size(), fixed,
                        fixed == 1 ? "first" : fixed + " given"));
            }
        }
        return out;
    }

    public Simulation simulation() {
        return sim;
    }

    public Map<String, GroupRuntime> groups() {
        return groups;
    }

    public DataPlane dataPlane() {
        return data;
    }
}
