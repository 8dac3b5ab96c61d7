package io.kgsim.sim;

import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.MemberIdFormat;
import io.kgsim.scenario.ProduceSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategy;
import io.kgsim.scenario.TimelineAction;
import io.kgsim.scenario.TimelineEntry;
import io.kgsim.scenario.TopicSpec;
import java.util.ArrayList;
import java.util.List;

/** The command-line overrides ({@code --seed}, {@code --strategy}) and replay's production-free variant. */
public final class ScenarioVariants {
    private ScenarioVariants() {
    }

    public static Scenario apply(Scenario s, Long seed, Strategy strategy) throws ScenarioException {
        Scenario out = seed == null ? s : s.withSeed(seed);
        if (strategy != null) {
            List<GroupSpec> groups = new ArrayList<>();
            for (GroupSpec g : out.groups()) {
                GroupSpec changed = g.withConfig(g.config().withStrategy(strategy));
                // Another protocol may refuse the fixed member ids (a classic id is the coordinator's).
                MemberIdFormat.check(changed, "strategy " + strategy.name());
                groups.add(changed);
            }
            out = out.withGroups(List.copyOf(groups));
        }
        return out;
    }

    /**
     * The scenario with nothing produced: every topic's rate 0, and every {@code set-rate} and
     * {@code burst} at rate 0. A replay's real run produces no records, so its simulation must
     * not either (fetching and processing would otherwise delay polls, commits and closes). The
     * two actions stay in the timeline, at rate 0, so that its entries keep their indices: a
     * replay's steps are the timeline's entries on both sides.
     */
    public static Scenario withoutProduction(Scenario s) {
        List<TopicSpec> topics = new ArrayList<>();
        for (TopicSpec t : s.topics()) {
            ProduceSpec p = t.produce();
            topics.add(new TopicSpec(t.name(), t.partitions(), t.replicationFactor(), new ProduceSpec(0, p.skew(), p.recordBytes()), t.topicId()));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (TimelineEntry e : s.timeline()) {
            TimelineAction a = e.action();
            if (a instanceof TimelineAction.SetRate r) {
                a = new TimelineAction.SetRate(r.topic(), 0);
            } else if (a instanceof TimelineAction.Burst b) {
                a = new TimelineAction.Burst(b.topic(), 0, b.durationUs());
            }
            timeline.add(new TimelineEntry(e.atUs(), a, e.location()));
        }
        return new Scenario(s.file(), s.name(), s.description(), s.seed(), s.durationUs(), s.cluster(), s.network(), List.copyOf(topics),
                s.groups(), List.copyOf(timeline), s.compare(), s.simulation(), s.warnings());
    }
}
