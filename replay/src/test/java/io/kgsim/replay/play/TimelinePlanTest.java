package io.kgsim.replay.play;

import io.kgsim.replay.record.StartSpacing;
import io.kgsim.scenario.MemberRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The steps a real run takes follow the simulator's timeline rules. */
class TimelinePlanTest {
    private static final MemberRef C1 = new MemberRef("g", "c1");
    private static final MemberRef C2 = new MemberRef("g", "c2");
    private static final MemberRef C3 = new MemberRef("g", "c3");

    @Test
    void rollingRestartScaleAndActionsOnStoppedMembers() {
        List<Step> steps = TimelinePlan.of(Scenarios.parse("""
            name: t
            duration: 60s
            topics:
              - name: a
                partitions: 4
              - name: b
                partitions: 4
            groups:
              - group.id: g
                subscription: [a]
                consumers: 2
            timeline:
              - at: 1s
                crash: g/c2
              - at: 2s
                crash: g/c2
              - at: 3s
                scale: {group: g, to: 3}
              - at: 4s
                subscribe: {member: g/c1, topics: [a, b]}
              - at: 10s
                rolling-restart: {group: g, interval: 5s, downtime: 2s}
              - at: 30s
                scale: {group: g, to: 1}
              - at: 31s
                pause: {member: g/c2, for: 1s, kind: gc}
              - at: 32s
                pause: {member: g/c1, for: 1s, kind: handler}
            """));
        List<Step> expected = List.of(
            // the initial members in name order, spaced as the replay's simulation starts them
            new Step(0, -1, new Step.Start(C1, 1, List.of("a"), 0)),
            new Step(StartSpacing.SPACING_US, -1, new Step.Start(C2, 2, List.of("a"), 1)),
            new Step(1_000_000, 0, new Step.Kill(C2)),
            // the second crash finds c2 dead: nothing, as in the simulator
            // scale to 3: the stopped c2 first, then a new c3
            new Step(3_000_000, 2, new Step.Start(C2, 2, List.of("a"), 2)),
            new Step(3_000_000, 2, new Step.Start(C3, 3, List.of("a"), 3)),
            new Step(4_000_000, 3, new Step.Subscribe(C1, List.of("a", "b"))),
            // the members running at 10 s in name order, one every 5 s, each back 2 s later
            new Step(10_000_000, 4, new Step.Stop(C1)),
            new Step(12_000_000, 4, new Step.Start(C1, 1, List.of("a", "b"), 4)),
            new Step(15_000_000, 4, new Step.Stop(C2)),
            new Step(17_000_000, 4, new Step.Start(C2, 2, List.of("a"), 5)),
            new Step(20_000_000, 4, new Step.Stop(C3)),
            new Step(22_000_000, 4, new Step.Start(C3, 3, List.of("a"), 6)),
            // scale down: the highest numbers first
            new Step(30_000_000, 5, new Step.Stop(C3)),
            new Step(30_000_000, 5, new Step.Stop(C2)),
            // c2 is stopped: its pause does nothing
            new Step(32_000_000, 7, new Step.Stall(C1, 1_000_000)));
        assertEquals(expected, steps);
    }

    @Test
    void membersStartedTogetherAreSpacedInNameOrderAndARestartOrAScaleIsNot() {
        List<Step> steps = TimelinePlan.of(Scenarios.parse("""
            name: t
            duration: 60s
            topics:
              - name: a
                partitions: 4
            groups:
              - group.id: g
                subscription: [a]
                consumers: 1
            timeline:
              - at: 1s
                start: {group: g, count: 2}
              - at: 2s
                stop: g/c2
              - at: 3s
                start: g/c2
              - at: 4s
                scale: {group: g, to: 5}
            """));
        long g = StartSpacing.SPACING_US;
        assertEquals(List.of(
            new Step(0, -1, new Step.Start(C1, 1, List.of("a"), 0)),
            new Step(1_000_000, 0, new Step.Start(C2, 2, List.of("a"), 1)),
            new Step(1_000_000 + g, 0, new Step.Start(C3, 3, List.of("a"), 2)),
            new Step(2_000_000, 1, new Step.Stop(C2)),
            new Step(3_000_000, 2, new Step.Start(C2, 2, List.of("a"), 3)),
            // the simulator's scale starts its new members at once, and so does the real run
            new Step(4_000_000, 3, new Step.Start(new MemberRef("g", "c4"), 4, List.of("a"), 4)),
            new Step(4_000_000, 3, new Step.Start(new MemberRef("g", "c5"), 5, List.of("a"), 5))), steps);
    }

    @Test
    void aMemberStartsWithItsOwnSubscription() {
        List<Step> steps = TimelinePlan.of(Scenarios.parse("""
            name: t
            duration: 10s
            topics:
              - {name: a, partitions: 2}
              - {name: b, partitions: 2}
            groups:
              - group.id: g
                subscription: [a]
                consumers: 2
                members:
                  - {name: c2, subscription: [a, b]}
            timeline:
              - {at: 1s, start: {group: g, count: 1}}
            """));
        assertEquals(List.of(
            new Step(0, -1, new Step.Start(C1, 1, List.of("a"), 0)),
            new Step(StartSpacing.SPACING_US, -1, new Step.Start(C2, 2, List.of("a", "b"), 1)),
            new Step(1_000_000, 0, new Step.Start(C3, 3, List.of("a"), 2))), steps);
    }
}
