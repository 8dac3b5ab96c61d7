package io.kgsim.replay.play;

import io.kgsim.replay.record.StartSpacing;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.MemberRef;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TimelineAction;
import io.kgsim.scenario.TimelineEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The scenario's timeline as the steps a real run takes, decided ahead of time by the rules the
 * simulator's timeline follows ({@code fault.Timeline}, {@code sim.GroupRuntime}): all initial
 * members of every group start at time 0 at once; {@code start {count}} takes the next unused
 * numbers; a restart, stop, crash or pause of a member that is not (or is already) running does
 * nothing; {@code scale} stops the highest-numbered running members, or starts stopped ones in
 * name order and then new ones; a rolling restart takes the members running when it begins, in
 * name order, stops member i at {@code i * interval} and starts its replacement {@code downtime}
 * later. One rule is the replay's own: the members a group's {@code consumers} or a
 * {@code start {count}} starts together are spaced by {@link StartSpacing}, in name order (the
 * replay's simulation does the same; a {@code scale}'s are not, on either side). Knowing every start ahead lets the run spawn each JVM
 * before it is needed.
 */
final class TimelinePlan {
    private record Pending(long atUs, long seq, Runnable effect) {
    }

    /** A member as the plan tracks it: whether its process runs, and its subscription. */
    private static final class Member {
        boolean running;
        List<String> topics;

        Member(List<String> topics) {
            this.topics = topics;
        }
    }

    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
        Comparator.comparingLong(Pending::atUs).thenComparingLong(Pending::seq));
    private final Map<String, GroupSpec> specs = new TreeMap<>();
    private final Map<String, TreeMap<Integer, Member>> groups = new TreeMap<>();
    private final List<Step> steps = new ArrayList<>();
    private long seq;
    private long now;
    private int action = -1;
    private int processes;

    private TimelinePlan(Scenario scenario) {
        for (GroupSpec g : scenario.groups()) {
            specs.put(g.groupId(), g);
            groups.put(g.groupId(), new TreeMap<>());
        }
    }

    /** Every step of the run, in the order it is carried out (time, then the simulator's order for ties). */
    static List<Step> of(Scenario scenario) {
        TimelinePlan plan = new TimelinePlan(scenario);
        for (GroupSpec g : scenario.groups()) {
            plan.at(0, -1, () -> plan.startNew(g.groupId(), g.consumers(), true));
        }
        List<TimelineEntry> timeline = scenario.timeline();
        for (int i = 0; i < timeline.size(); i++) {
            int index = i;
            TimelineAction a = timeline.get(i).action();
            plan.at(timeline.get(i).atUs(), index, () -> plan.apply(a));
        }
        plan.runAll();
        return List.copyOf(plan.steps);
    }

    private void at(long atUs, int actionIndex, Runnable effect) {
        queue.add(new Pending(atUs, seq++, () -> {
            action = actionIndex;
            effect.run();
        }));
    }

    private void runAll() {
        while (!queue.isEmpty()) {
            Pending p = queue.poll();
            now = p.atUs();
            p.effect().run();
        }
    }

    /** Each action's steps, by the simulator's rules; the compiler names every new action here. */
    private void apply(TimelineAction a) {
        a.applyTo(new TimelineAction.Effects() {
            @Override
            public void startNew(TimelineAction.StartNew s) {
                TimelinePlan.this.startNew(s.group(), s.count(), true);
            }

            @Override
            public void restart(TimelineAction.Restart r) {
                start(r.member());
            }

            @Override
            public void stop(TimelineAction.Stop s) {
                TimelinePlan.this.stop(s.member());
            }

            @Override
            public void crash(TimelineAction.Crash c) {
                ifRunning(c.member(), new Step.Kill(c.member()), true);
            }

            @Override
            public void rollingRestart(TimelineAction.RollingRestart r) {
                TimelinePlan.this.rollingRestart(r);
            }

            @Override
            public void pause(TimelineAction.Pause p) {
                ifRunning(p.member(), p.gc() ? new Step.GcPause(p.member(), p.durationUs()) : new Step.Stall(p.member(), p.durationUs()), false);
            }

            @Override
            public void scale(TimelineAction.Scale s) {
                TimelinePlan.this.scale(s.group(), s.to());
            }

            @Override
            public void addPartitions(TimelineAction.AddPartitions ap) {
                add(new Step.AddPartitions(ap.topic(), ap.count()));
            }

            @Override
            public void subscribe(TimelineAction.Subscribe s) {
                TimelinePlan.this.subscribe(s.member(), s.topics());
            }

            // production is left out of a replay; Replayability refuses the other two before any plan
            @Override
            public void setRate(TimelineAction.SetRate r) {
            }

            @Override
            public void burst(TimelineAction.Burst b) {
            }

            @Override
            public void cutNetwork(TimelineAction.CutNetwork c) {
            }

            @Override
            public void brokerCrash(TimelineAction.BrokerCrash b) {
            }
        });
    }

    /**
     * New members; {@code spaced}: the i-th of them {@link StartSpacing} later than the first, as
     * the replay's simulation starts a group's {@code consumers} and a {@code start {count}}
     * (a {@code scale}'s new members start at once on both sides).
     */
    private void startNew(String group, int count, boolean spaced) {
        TreeMap<Integer, Member> members = groups.get(group);
        for (int i = 0; i < count; i++) {
            int n = members.isEmpty() ? 1 : members.lastKey() + 1;
            members.put(n, new Member(specs.get(group).subscriptionOf("c" + n)));   // its own subscription, else the group's
            start(new MemberRef(group, "c" + n), spaced ? StartSpacing.startUs(now, i) : now);
        }
    }

    private void start(MemberRef ref) {
        start(ref, now);
    }

    private void start(MemberRef ref, long atUs) {
        Member m = member(ref);
        if (m == null || m.running) {
            return;
        }
        m.running = true;
        steps.add(new Step(atUs, action, new Step.Start(ref, number(ref), m.topics, processes++)));
    }

    private void stop(MemberRef ref) {
        ifRunning(ref, new Step.Stop(ref), true);
    }

    private void ifRunning(MemberRef ref, Step.Op op, boolean ends) {
        Member m = member(ref);
        if (m != null && m.running) {
            m.running = !ends;
            add(op);
        }
    }

    private void scale(String group, int to) {
        List<Integer> running = groups.get(group).entrySet().stream().filter(e -> e.getValue().running).map(Map.Entry::getKey).toList();
        if (running.size() > to) {
            for (int i = running.size() - 1; i >= to; i--) {
                stop(new MemberRef(group, "c" + running.get(i)));
            }
            return;
        }
        int missing = to - running.size();
        for (Map.Entry<Integer, Member> e : groups.get(group).entrySet()) {
            if (missing > 0 && !e.getValue().running) {
                start(new MemberRef(group, "c" + e.getKey()));
                missing--;
            }
        }
        startNew(group, missing, false);
    }

    private void rollingRestart(TimelineAction.RollingRestart r) {
        int index = action;
        List<Integer> running = groups.get(r.group()).entrySet().stream().filter(e -> e.getValue().running).map(Map.Entry::getKey).toList();
        for (int i = 0; i < running.size(); i++) {
            MemberRef ref = new MemberRef(r.group(), "c" + running.get(i));
            long stopAt = now + i * r.intervalUs();
            at(stopAt, index, () -> stop(ref));
            at(stopAt + r.downtimeUs(), index, () -> start(ref));
        }
    }

    private void subscribe(MemberRef ref, List<String> topics) {
        Member m = member(ref);
        if (m != null) {
            m.topics = List.copyOf(topics);
            if (m.running) {
                add(new Step.Subscribe(ref, topics));
            }
        }
    }

    private Member member(MemberRef ref) {
        TreeMap<Integer, Member> members = groups.get(ref.group());
        return members == null ? null : members.get(number(ref));
    }

    private static int number(MemberRef ref) {
        return Integer.parseInt(ref.member().substring(1));
    }

    private void add(Step.Op op) {
        steps.add(new Step(now, action, op));
    }
}
