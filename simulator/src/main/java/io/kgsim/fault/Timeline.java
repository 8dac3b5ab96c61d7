package io.kgsim.fault;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.DataPlane;
import io.kgsim.engine.Durations;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.engine.Simulation;
import io.kgsim.consumer.ConsumerApp;
import io.kgsim.scenario.MemberRef;
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

    public void schedule(List<TimelineEntry> entries) {
        Effects effects = new Effects();
        for (TimelineEntry e : entries) {
            sim.schedule(e.atUs() - sim.now(), () -> e.action().applyTo(effects));
        }
    }

    /** Each action's effect on the cluster, the groups and the producers: one method per action. */
    private final class Effects implements TimelineAction.Effects {
        @Override
        public void startNew(TimelineAction.StartNew s) {
            groups.get(s.group()).startNew(s.count());
        }

        @Override
        public void restart(TimelineAction.Restart r) {
            consumer(r.member()).start();
        }

        @Override
        public void stop(TimelineAction.Stop s) {
            consumer(s.member()).stop();
        }

        @Override
        public void crash(TimelineAction.Crash c) {
            consumer(c.member()).crash();
        }

        @Override
        public void rollingRestart(TimelineAction.RollingRestart r) {
            Timeline.this.rollingRestart(r);
        }

        @Override
        public void setRate(TimelineAction.SetRate r) {
            data.topic(r.topic()).setRate(sim.now(), r.ratePerSecond());
            productionChanged();
        }

        @Override
        public void burst(TimelineAction.Burst b) {
            double before = data.topic(b.topic()).ratePerSecond();
            data.topic(b.topic()).setRate(sim.now(), b.ratePerSecond());
            productionChanged();
            sim.schedule(b.durationUs(), () -> {
                data.topic(b.topic()).setRate(sim.now(), before);
                productionChanged();
            });
        }

        @Override
        public void pause(TimelineAction.Pause p) {
            consumer(p.member()).pause(p.durationUs(), p.gc());
        }

        @Override
        public void scale(TimelineAction.Scale s) {
            Timeline.this.scale(groups.get(s.group()), s.to());
        }

        @Override
        public void cutNetwork(TimelineAction.CutNetwork c) {
            groups.get(c.member().group()).member(c.member().member()).cutNetwork(c.durationUs());
        }

        @Override
        public void brokerCrash(TimelineAction.BrokerCrash b) {
            Timeline.this.brokerCrash(b);
        }

        @Override
        public void addPartitions(TimelineAction.AddPartitions ap) {
            data.addPartitions(ap.topic(), ap.count(), sim.now());
            events.on(GroupEvent.cluster(sim.now(), GroupEventType.PARTITIONS_ADDED, ap.topic() + " now has " + ap.count()));
            for (GroupControl g : groups.values()) {
                g.partitionsAdded();
            }
            productionChanged();
        }

        @Override
        public void subscribe(TimelineAction.Subscribe s) {
            groups.get(s.member().group()).subscribe(s.member().member(), s.topics());
        }

        private ConsumerApp consumer(MemberRef m) {
            return groups.get(m.group()).consumer(m.member());
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
        events.on(GroupEvent.cluster(sim.now(), GroupEventType.BROKER_CRASHED, "broker " + broker));
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
                events.on(GroupEvent.cluster(sim.now(), GroupEventType.BROKER_FENCED, "broker " + broker));
                reloadCoordinators();
                productionChanged();
            });
        }
        sim.schedule(b.durationUs(), () -> {
            cluster.brokerUp(broker);
            events.on(GroupEvent.cluster(sim.now(), GroupEventType.BROKER_RESTARTED, "broker " + broker));
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
                events.on(GroupEvent.group(sim.now(), GroupEventType.COORDINATOR_LOADED, g.groupId(), Epoch.NONE, "broker " + host));
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
     * gracefully at {@code i * interval} and started again, same name, {@code downtime} later,
     * or as soon as it has closed if it is still finishing its batch then.
     */
    private void rollingRestart(TimelineAction.RollingRestart r) {
        List<ConsumerApp> members = groups.get(r.group()).runningConsumers();
        for (int i = 0; i < members.size(); i++) {
            ConsumerApp m = members.get(i);
            long stopAt = i * r.intervalUs();
            sim.schedule(stopAt, m::stop);
            sim.schedule(stopAt + r.downtimeUs(), m::startReplacement);
        }
    }
}
