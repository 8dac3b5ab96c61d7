package io.kgsim.sim;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.engine.RandomStreams;
import io.kgsim.engine.Simulation;
import io.kgsim.fault.Timeline;
import io.kgsim.invariant.InvariantChecker;
import io.kgsim.metrics.OwnershipLedger;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEvents;
import io.kgsim.protocol.classic.ClassicGroupCoordinator;
import io.kgsim.protocol.classic.ClassicMember;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Wires a scenario into one simulation and runs it to its end: the cluster, one coordinator
 * per broker, the groups and their members, the timeline, and the observers (ownership
 * ledgers, the invariant checker, any listener the caller adds such as the trace writer).
 */
public final class ScenarioRun {
    private final Scenario scenario;
    private final Simulation sim;
    private final GroupEvents events = new GroupEvents();
    private final Map<String, GroupRuntime> groups = new LinkedHashMap<>();
    private final Map<String, OwnershipLedger> ledgers = new LinkedHashMap<>();
    private final InvariantChecker checker;

    public ScenarioRun(Scenario scenario, RunOptions options) {
        this.scenario = scenario;
        this.sim = new Simulation(scenario.seed());
        RandomStreams streams = new RandomStreams(scenario.seed());
        ClusterModel cluster = new ClusterModel(scenario.cluster(), scenario.topics(), scenario.seed());
        Network network = new Network(sim, streams, scenario.network().latency());
        checker = new InvariantChecker(scenario.seed(), scenario.name(), options.strictInvariants());
        Map<Integer, ClassicGroupCoordinator> coordinators = new TreeMap<>();
        for (GroupSpec g : scenario.groups()) {
            int broker = cluster.coordinatorFor(g.groupId());
            ClassicGroupCoordinator coordinator = coordinators.computeIfAbsent(broker,
                    b -> new ClassicGroupCoordinator(sim, scenario.cluster().config(), events));
            GroupRuntime runtime = new GroupRuntime(sim, network, coordinator, cluster, events, options.assignorCalls(), g);
            groups.put(g.groupId(), runtime);
            OwnershipLedger ledger = new OwnershipLedger(g.groupId(), runtime.subscribedPartitions());
            ledgers.put(g.groupId(), ledger);
            events.add(ledger);
            checker.register(runtime);
        }
        events.add(checker);
        for (GroupEventListener l : options.listeners()) {
            events.add(l);
        }
        sim.addObserver(checker);
        for (GroupRuntime g : groups.values()) {
            int n = g.spec().consumers();
            sim.schedule(0, () -> g.startNew(n));
        }
        new Timeline(sim, groups).schedule(scenario.timeline());
    }

    public RunResult run() {
        sim.run(scenario.durationUs());
        List<GroupResult> results = new ArrayList<>();
        for (GroupRuntime g : groups.values()) {
            OwnershipLedger ledger = ledgers.get(g.groupId());
            ledger.finish(scenario.durationUs());
            Map<String, List<String>> assignment = new LinkedHashMap<>();
            int generation = -1;
            for (ClassicMember m : g.aliveMembers()) {
                List<String> parts = new ArrayList<>();
                for (TopicPartition tp : m.owned()) {
                    parts.add(tp.topic() + "-" + tp.partition());
                }
                assignment.put(m.name(), List.copyOf(parts));
                generation = Math.max(generation, m.generationId());
            }
            results.add(new GroupResult(g.groupId(), g.spec().config().strategyNames(), g.spec().config().protocol().configValue(),
                    ledger.rebalances(), ledger.partitionMovements(), ledger.unownedPartitionUs(), generation, assignment));
        }
        return new RunResult(scenario.name(), scenario.seed(), scenario.durationUs(), sim.eventsRun(), List.copyOf(results),
                checker.violations(), checker.messages());
    }

    public Simulation simulation() {
        return sim;
    }

    public Map<String, GroupRuntime> groups() {
        return groups;
    }
}
