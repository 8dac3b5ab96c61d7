package io.kgsim.fault;

import io.kgsim.engine.Simulation;
import io.kgsim.protocol.classic.ClassicMember;
import io.kgsim.scenario.TimelineAction;
import io.kgsim.scenario.TimelineEntry;
import io.kgsim.sim.GroupRuntime;
import java.util.List;
import java.util.Map;

/** Turns the scenario's timeline into scheduled events on the virtual clock. */
public final class Timeline {
    private final Simulation sim;
    private final Map<String, GroupRuntime> groups;

    public Timeline(Simulation sim, Map<String, GroupRuntime> groups) {
        this.sim = sim;
        this.groups = groups;
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
            groups.get(r.member().group()).member(r.member().member()).start();
        } else if (action instanceof TimelineAction.Stop s) {
            groups.get(s.member().group()).member(s.member().member()).stop();
        } else if (action instanceof TimelineAction.Crash c) {
            groups.get(c.member().group()).member(c.member().member()).crash();
        } else if (action instanceof TimelineAction.RollingRestart r) {
            rollingRestart(r);
        } else {
            throw new IllegalStateException("unhandled timeline action " + action);
        }
    }

    /**
     * Restarts the members running when it begins, in name order: member i is stopped
     * gracefully at {@code i * interval} and started again, same name, {@code downtime} later.
     */
    private void rollingRestart(TimelineAction.RollingRestart r) {
        List<ClassicMember> members = groups.get(r.group()).aliveMembers();
        for (int i = 0; i < members.size(); i++) {
            ClassicMember m = members.get(i);
            long stopAt = i * r.intervalUs();
            sim.schedule(stopAt, m::stop);
            sim.schedule(stopAt + r.downtimeUs(), m::start);
        }
    }
}
