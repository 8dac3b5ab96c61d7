package io.kgsim.fault;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.DataPlane;
import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.engine.Simulation;
import io.kgsim.consumer.ConsumerApp;
import io.kgsim.scenario.TimelineAction;
import io.kgsim.scenario.TimelineEntry;
import java.util.List;
import java.util.Map;

/** Turns the scenario's timeline into scheduled events on the virtual clock. */
public final class Timeline {
    private final Simulation sim;
    private final Map<String, ? extends GroupControl> groups;
    private final DataPlane data;
    private final GroupEventListener events;

    public Timeline(Simulation sim, Map<String, ? extends GroupControl> groups, DataPlane data, GroupEventListener events) {
        this.sim = sim;
        this.groups = groups;
        this.data = data;
        this.events = events;
    }

    /** A short label for chart markers and logs. */
    public static String label(TimelineAction a) {
        if (a instanceof TimelineAction.StartNew s) {
            return "start " + s.count() + " in " + s.group();
        } else if (a instanceof TimelineAction.Restart r) {
            return "start " + r.member();
        } else if (a instanceof TimelineAction.Stop s) {
            return "stop " + s.member();
        } else if (a instanceof TimelineAction.Crash c) {
            return "crash " + c.member();
        } else if (a instanceof TimelineAction.RollingRestart r) {
            return "rolling restart " + r.group();
        } else if (a instanceof TimelineAction.SetRate r) {
            return r.topic() + " rate " + Math.round(r.ratePerSecond()) + "/s";
        } else if (a instanceof TimelineAction.Burst b) {
            return b.topic() + " burst " + Math.round(b.ratePerSecond()) + "/s";
        } else if (a instanceof TimelineAction.Pause p) {
            return (p.gc() ? "GC pause " : "stuck handler ") + p.member();
        } else if (a instanceof TimelineAction.Scale s) {
            return "scale " + s.group() + " to " + s.to();
        } else if (a instanceof TimelineAction.CutNetwork c) {
            return "network cut " + c.member();
        } else if (a instanceof TimelineAction.BrokerCrash b) {
            return "broker " + b.broker() + " crash";
        } else if (a instanceof TimelineAction.AddPartitions ap) {
            return ap.topic() + " to " + ap.count() + " partitions";
        } else if (a instanceof TimelineAction.Subscribe s) {
            return s.member() + " subscribes " + String.join(",", s.topics());
        }
        return a.getClass().getSimpleName();
    }


    public void schedule(List<TimelineEntry> entries) {
        for (TimelineEntry e : entries) {
            sim.schedule(e.atUs() - sim.now(), () -> apply(e.action()));
        }
    }

    private void apply(TimelineAction action) {
        if (action instanceof TimelineAction.StartNew s) {
            groups.get(s.group()).startNew(s.count());
        } else if (action instanceof TimelineAction.Restart r) {
            groups.get(r.member().group()).consumer(r.member().member()).start();
        } else if (action instanceof TimelineAction.Stop s) {
            groups.get(s.member().group()).consumer(s.member().member()).stop();
        } else if (action instanceof TimelineAction.Crash c) {
            groups.get(c.member().group()).consumer(c.member().member()).crash();
        } else if (action instanceof TimelineAction.RollingRestart r) {
            rollingRestart(r);
        } else if (action instanceof TimelineAction.SetRate r) {
            data.topic(r.topic()).setRate(sim.now(), r.ratePerSecond());
            productionChanged();
        } else if (action instanceof TimelineAction.Burst b) {
            double before = data.topic(b.topic()).ratePerSecond();
            data.topic(b.topic()).setRate(sim.now(), b.ratePerSecond());
            productionChanged();
            sim.schedule(b.durationUs(), () -> {
                data.topic(b.topic()).setRate(sim.now(), before);
                productionChanged();
            });
        } else if (action instanceof TimelineAction.Pause p) {
            groups.get(p.member().group()).consumer(p.member().member()).pause(p.durationUs(), p.gc());
        } else if (action instanceof TimelineAction.Scale s) {
            scale(groups.get(s.group()), s.to());
        } else if (action instanceof TimelineAction.CutNetwork c) {
            groups.get(c.member().group()).member(c.member().member()).cutNetwork(c.durationUs());
        } else if (action instanceof TimelineAction.BrokerCrash b) {
            brokerCrash(b);
        } else if (action instanceof TimelineAction.AddPartitions ap) {
            data.addPartitions(ap.topic(), ap.count(), sim.now());
            events.on(GroupEvent.of(sim.now(), GroupEventType.PARTITIONS_ADDED, null, null, -1, ap.topic() + " now has " + ap.count()));
            for (GroupControl g : groups.values()) {
                g.partitionsAdded();
            }
            productionChanged();
        } else if (action instanceof TimelineAction.Subscribe s) {
            groups.get(s.member().group()).subscribe(s.member().member(), s.topics());
        } else {
            throw new IllegalStateException("unhandled timeline action " + action);
        }
    }

    /**
     * A broker dies: partitions it leads cannot be fetched and a coordinator it hosts is gone.
     * After {@code broker.session.timeout.ms} the controller fences it; leaderships, and so
     * coordinators, move to live replicas, and moved coordinators load their groups. The broker
     * returns after the crash's duration.
     */
    private void brokerCrash(TimelineAction.BrokerCrash b) {
        ClusterModel cluster = data.cluster();
        int broker = b.broker();
        if (!cluster.isUp(broker)) {
            return;
        }
        cluster.brokerDown(broker);
        events.on(GroupEvent.of(sim.now(), GroupEventType.BROKER_CRASHED, null, null, -1, "broker " + broker));
        for (GroupControl g : groups.values()) {
            if (cluster.coordinatorFor(g.groupId()) == broker) {
                g.coordinator().crash();
            }
        }
        productionChanged();
        long fenceDelay = Durations.ms(cluster.spec().config().brokerSessionTimeoutMs());
        if (fenceDelay < b.durationUs()) {
            sim.schedule(fenceDelay, () -> {
                cluster.fence(broker);
                events.on(GroupEvent.of(sim.now(), GroupEventType.BROKER_FENCED, null, null, -1, "broker " + broker));
                reloadCoordinators();
                productionChanged();
            });
        }
        sim.schedule(b.durationUs(), () -> {
            cluster.brokerUp(broker);
            events.on(GroupEvent.of(sim.now(), GroupEventType.BROKER_RESTARTED, null, null, -1, "broker " + broker));
            reloadCoordinators();
            productionChanged();
        });
    }

    /** Coordinators whose (new) broker is up load their groups. */
    private void reloadCoordinators() {
        ClusterModel cluster = data.cluster();
        for (GroupControl g : groups.values()) {
            int host = cluster.coordinatorFor(g.groupId());
            if (!g.coordinator().isAvailable() && cluster.isUp(host)) {
                g.coordinator().load();
                events.on(GroupEvent.of(sim.now(), GroupEventType.COORDINATOR_LOADED, g.groupId(), null, -1, "broker " + host));
            }
        }
    }

    /** Idle consumers recompute when their next records arrive. */
    private void productionChanged() {
        for (GroupControl g : groups.values()) {
            for (ConsumerApp c : g.runningConsumers()) {
                c.productionChanged();
            }
        }
    }

    /** Stops the highest-numbered running members, or starts stopped ones then new ones. */
    private void scale(GroupControl g, int to) {
        List<ConsumerApp> running = g.runningConsumers();
        if (running.size() > to) {
            for (int i = running.size() - 1; i >= to; i--) {
                running.get(i).stop();
            }
            return;
        }
        int missing = to - running.size();
        for (ConsumerApp c : g.allConsumers()) {
            if (missing > 0 && !c.isRunning()) {
                c.start();
                missing--;
            }
        }
        if (missing > 0) {
            g.startNew(missing);
        }
    }

    /**
     * Restarts the members running when it begins, in name order: member i is stopped
     * gracefully at {@code i * interval} and started again, same name, {@code downtime} later.
     */
    private void rollingRestart(TimelineAction.RollingRestart r) {
        List<ConsumerApp> members = groups.get(r.group()).runningConsumers();
        for (int i = 0; i < members.size(); i++) {
            ConsumerApp m = members.get(i);
            long stopAt = i * r.intervalUs();
            sim.schedule(stopAt, m::stop);
            sim.schedule(stopAt + r.downtimeUs(), m::start);
        }
    }
}
