package io.kgsim.scenario;

import java.util.List;

/**
 * What the timeline can do to a group. Each action is one record that holds all of it but its
 * effect: its YAML name and parser ({@code parse}, listed in {@link TimelineActions}), its
 * {@link #label()}, and {@link #applyTo} which hands it to the one {@link Effects} method that
 * carries it out. The effect lives in {@code fault/} (it drives consumers and brokers, which sit
 * above this package); a new action must add an {@link Effects} method, so the compiler points
 * at every place that has to carry it out.
 */
public sealed interface TimelineAction {
    /** A short label for chart markers and logs. */
    String label();

    /** Calls the one method of {@code effects} that carries this action out. */
    void applyTo(Effects effects);

    /** The member the action names, or null for an action on a group, a topic or a broker. */
    default MemberRef member() {
        return null;
    }

    /** One method per action: whoever carries the timeline out implements all of them. */
    interface Effects {
        void startNew(StartNew a);

        void restart(Restart a);

        void stop(Stop a);

        void crash(Crash a);

        void rollingRestart(RollingRestart a);

        void setRate(SetRate a);

        void burst(Burst a);

        void pause(Pause a);

        void scale(Scale a);

        void cutNetwork(CutNetwork a);

        void brokerCrash(BrokerCrash a);

        void addPartitions(AddPartitions a);

        void subscribe(Subscribe a);
    }

    /**
     * {@code start: {group, count}} starts {@code count} new members named with the next unused
     * numbers; {@code start: group/member} is a {@link Restart}, so this parser reads both.
     */
    record StartNew(String group, int count) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            if (!r.hasFields()) {
                return new Restart(r.member());
            }
            return new StartNew(r.group("the group to start members in"), r.fields().integer("count"));
        }

        @Override
        public String label() {
            return "start " + count + " in " + group;
        }

        @Override
        public void applyTo(Effects effects) {
            effects.startNew(this);
        }
    }

    /** {@code start: group/member}: starts again a member that was stopped or crashed, under the same name. */
    record Restart(MemberRef member) implements TimelineAction {
        @Override
        public String label() {
            return "start " + member;
        }

        @Override
        public void applyTo(Effects effects) {
            effects.restart(this);
        }
    }

    /** {@code stop}: graceful close: commit, revoke, LeaveGroup (dynamic members only, as the client does). */
    record Stop(MemberRef member) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new Stop(r.member());
        }

        @Override
        public String label() {
            return "stop " + member;
        }

        @Override
        public void applyTo(Effects effects) {
            effects.stop(this);
        }
    }

    /** {@code crash}: the process is killed: no commit, no LeaveGroup, heartbeats just stop. */
    record Crash(MemberRef member) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new Crash(r.member());
        }

        @Override
        public String label() {
            return "crash " + member;
        }

        @Override
        public void applyTo(Effects effects) {
            effects.crash(this);
        }
    }

    /** {@code rolling-restart}: stops each member in name order, one every {@code interval}, each back after {@code downtime}. */
    record RollingRestart(String group, long intervalUs, long downtimeUs) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new RollingRestart(r.group("the group to restart"),
                    r.fields().requiredDuration("interval", "time between two members' restarts, e.g. 60s"), r.fields().duration("downtime"));
        }

        @Override
        public String label() {
            return "rolling restart " + group;
        }

        @Override
        public void applyTo(Effects effects) {
            effects.rollingRestart(this);
        }
    }

    /** {@code set-rate}: a topic's production rate changes from now on. */
    record SetRate(String topic, double ratePerSecond) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new SetRate(r.topic("the topic whose production changes"), r.rate());
        }

        @Override
        public String label() {
            return topic + " rate " + Math.round(ratePerSecond) + "/s";
        }

        @Override
        public void applyTo(Effects effects) {
            effects.setRate(this);
        }
    }

    /** {@code burst}: a topic produces at {@code ratePerSecond} for {@code durationUs}, then returns to its rate. */
    record Burst(String topic, double ratePerSecond, long durationUs) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new Burst(r.topic("the topic whose production changes"), r.rate(),
                    r.fields().requiredDuration("for", "how long the burst lasts, e.g. 30s"));
        }

        @Override
        public String label() {
            return topic + " burst " + Math.round(ratePerSecond) + "/s";
        }

        @Override
        public void applyTo(Effects effects) {
            effects.burst(this);
        }
    }

    /**
     * {@code pause}: the member's application thread stands still for {@code durationUs}: a
     * stop-the-world GC pause ({@code gc}: heartbeats stop too) or a stuck record handler
     * (heartbeats go on).
     */
    record Pause(MemberRef member, long durationUs, boolean gc) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            MemberRef ref = r.memberField("the member to pause, e.g. billing/c3");
            MappingReader a = r.fields();
            long d = a.requiredDuration("for", "how long the pause lasts, e.g. 400s");
            String kind = a.string("kind", a.key("kind").defaultText());
            if (!a.key("kind").choices().contains(kind)) {
                throw new ScenarioException(a.get("kind").location(), "'kind' expects gc (the whole process stops, heartbeats too) or handler "
                        + "(only the application thread is stuck), found '" + kind + "'");
            }
            return new Pause(ref, d, kind.equals("gc"));
        }

        @Override
        public String label() {
            return (gc ? "GC pause " : "stuck handler ") + member;
        }

        @Override
        public void applyTo(Effects effects) {
            effects.pause(this);
        }
    }

    /** {@code scale}: starts or stops members (highest numbers first) until {@code to} are running. */
    record Scale(String group, int to) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new Scale(r.group("the group to scale"), r.fields().requiredInt("to", "how many members should run", Long.MAX_VALUE));
        }

        @Override
        public String label() {
            return "scale " + group + " to " + to;
        }

        @Override
        public void applyTo(Effects effects) {
            effects.scale(this);
        }
    }

    /** {@code cut-network}: the member cannot reach its group coordinator for {@code durationUs}; it can still fetch. */
    record CutNetwork(MemberRef member, long durationUs) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new CutNetwork(r.memberField("the member cut off from its coordinator, e.g. billing/c3"),
                    r.fields().requiredDuration("for", "how long the cut lasts, e.g. 60s"));
        }

        @Override
        public String label() {
            return "network cut " + member;
        }

        @Override
        public void applyTo(Effects effects) {
            effects.cutNetwork(this);
        }
    }

    /** {@code broker-crash}: broker {@code broker} dies and comes back {@code durationUs} later. */
    record BrokerCrash(int broker, long durationUs) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new BrokerCrash(r.fields().requiredInt("broker", "the broker id, from 0", r.brokers()),
                    r.fields().requiredDuration("for", "how long the broker stays down, e.g. 2m"));
        }

        @Override
        public String label() {
            return "broker " + broker + " crash";
        }

        @Override
        public void applyTo(Effects effects) {
            effects.brokerCrash(this);
        }
    }

    /** {@code add-partitions}: the topic grows to {@code count} partitions. */
    record AddPartitions(String topic, int count) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            return new AddPartitions(r.topic("the topic that grows"), r.fields().requiredInt("count", "the new total partition count", Long.MAX_VALUE));
        }

        @Override
        public String label() {
            return topic + " to " + count + " partitions";
        }

        @Override
        public void applyTo(Effects effects) {
            effects.addPartitions(this);
        }
    }

    /** {@code subscribe}: the member's subscription becomes {@code topics}. */
    record Subscribe(MemberRef member, List<String> topics) implements TimelineAction {
        static TimelineAction parse(ActionReader r) throws ScenarioException {
            MemberRef ref = r.memberField("the member whose subscription changes, e.g. billing/c3");
            MappingReader a = r.fields();
            List<String> ts = a.stringList("topics");
            if (ts.isEmpty()) {
                throw new ScenarioException(a.keyLocation("topics"), "'subscribe' needs 'topics': the new subscription, a list of topic names");
            }
            for (int i = 0; i < ts.size(); i++) {
                if (!r.hasTopic(ts.get(i))) {
                    throw r.unknownTopic(ts.get(i), a.list("topics").get(i).location());
                }
            }
            return new Subscribe(ref, List.copyOf(ts));
        }

        @Override
        public String label() {
            return member + " subscribes " + String.join(",", topics);
        }

        @Override
        public void applyTo(Effects effects) {
            effects.subscribe(this);
        }
    }
}
