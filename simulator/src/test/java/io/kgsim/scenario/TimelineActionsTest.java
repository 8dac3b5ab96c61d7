package io.kgsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One test over every timeline action: each action the key table documents has a parser, each
 * parser reads the reference's own example into the expected record with the expected label, and
 * each record hands itself to the one effect method made for it.
 */
class TimelineActionsTest {
    private static final String BASE = """
            name: s
            duration: 10m
            topics:
              - name: orders
                partitions: 4
              - name: refunds
                partitions: 2
            groups:
              - group.id: billing
                subscription: [orders]
                consumers: 3
            timeline:
            """;

    private static final MemberRef C3 = new MemberRef("billing", "c3");

    /** Each action's reference example (from the key table) and the record and label it reads into. */
    private static Map<String, TimelineAction> expected() {
        Map<String, TimelineAction> m = new LinkedHashMap<>();
        m.put("{group: billing, count: 2}", new TimelineAction.StartNew("billing", 2));
        m.put("billing/c1", new TimelineAction.Stop(new MemberRef("billing", "c1")));
        m.put("billing/c2", new TimelineAction.Crash(new MemberRef("billing", "c2")));
        m.put("{group: billing, interval: 60s, downtime: 10s}", new TimelineAction.RollingRestart("billing", 60_000_000L, 10_000_000L));
        m.put("{member: billing/c3, for: 400s, kind: gc}", new TimelineAction.Pause(C3, 400_000_000L, true));
        m.put("{member: billing/c3, for: 60s}", new TimelineAction.CutNetwork(C3, 60_000_000L));
        m.put("{broker: 1, for: 2m}", new TimelineAction.BrokerCrash(1, 120_000_000L));
        m.put("{topic: orders, count: 24}", new TimelineAction.AddPartitions("orders", 24));
        m.put("{topic: orders, rate: 3000/s}", new TimelineAction.SetRate("orders", 3000));
        m.put("{topic: orders, rate: 5000/s, for: 30s}", new TimelineAction.Burst("orders", 5000, 30_000_000L));
        m.put("{group: billing, to: 6}", new TimelineAction.Scale("billing", 6));
        m.put("{member: billing/c3, topics: [orders, refunds]}", new TimelineAction.Subscribe(C3, List.of("orders", "refunds")));
        return m;
    }

    private static TimelineAction parse(String name, String value) throws ScenarioException {
        Scenario s = ScenarioLoader.parse("s.yaml", new StringReader(BASE + "  - {at: 1s, " + name + ": " + value + "}\n"));
        assertEquals(1, s.timeline().size());
        return s.timeline().get(0).action();
    }

    @Test
    void everyDocumentedActionHasAParserAndNoParserIsUndocumented() {
        List<String> parsers = new ArrayList<>();
        TimelineActions.names().forEach(parsers::add);
        assertEquals(ScenarioKeys.actions(), parsers);
    }

    @Test
    void everyParserReadsTheReferenceExampleIntoTheExpectedRecord() throws ScenarioException {
        Map<String, TimelineAction> expected = expected();
        List<String> names = ScenarioKeys.actions();
        assertEquals(expected.size(), names.size(), "one expectation per documented action");
        Set<Class<?>> produced = new LinkedHashSet<>();
        for (String name : names) {
            String example = ScenarioKeys.get(ScenarioKeys.TIMELINE_ENTRY + "." + name).example();
            assertEquals(true, expected.containsKey(example), name + "'s example " + example + " has no expectation");
            TimelineAction a = parse(name, example);
            assertEquals(expected.get(example), a, name);
            produced.add(a.getClass());
        }
        TimelineAction restart = parse("start", "billing/c2");
        assertEquals(new TimelineAction.Restart(new MemberRef("billing", "c2")), restart);
        produced.add(restart.getClass());
        assertEquals(Set.of(TimelineAction.class.getPermittedSubclasses()), produced, "every action record comes out of a parser");
    }

    @Test
    void everyActionHasItsLabel() {
        List<String> labels = new ArrayList<>();
        for (TimelineAction a : expected().values()) {
            labels.add(a.label());
        }
        labels.add(new TimelineAction.Restart(C3).label());
        labels.add(new TimelineAction.Pause(C3, 1, false).label());
        assertEquals(List.of("start 2 in billing", "stop billing/c1", "crash billing/c2", "rolling restart billing", "GC pause billing/c3",
                "network cut billing/c3", "broker 1 crash", "orders to 24 partitions", "orders rate 3000/s", "orders burst 5000/s",
                "scale billing to 6", "billing/c3 subscribes orders,refunds", "start billing/c3", "stuck handler billing/c3"), labels);
    }

    @Test
    void everyActionReachesTheEffectMadeForIt() {
        List<TimelineAction> all = new ArrayList<>(expected().values());
        all.add(new TimelineAction.Restart(C3));
        Set<Class<?>> reached = new LinkedHashSet<>();
        for (TimelineAction a : all) {
            List<Object> calls = new ArrayList<>();
            TimelineAction.Effects recorder = (TimelineAction.Effects) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {TimelineAction.Effects.class}, (proxy, method, args) -> {
                        assertEquals(a.getClass(), method.getParameterTypes()[0], method.getName());
                        calls.add(args[0]);
                        return null;
                    });
            a.applyTo(recorder);
            assertEquals(List.of(a), calls, a.label());
            reached.add(a.getClass());
        }
        assertEquals(TimelineAction.Effects.class.getMethods().length, reached.size(), "each effect method is reached by one action");
    }
}
