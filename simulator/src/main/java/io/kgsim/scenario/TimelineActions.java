package io.kgsim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parser of each timeline action, by its YAML name. The names are the key table's
 * ({@link ScenarioKeys#actions()}, which documents each action's fields); a test checks that the
 * two list the same names and that every {@link TimelineAction} record comes out of a parser.
 */
final class TimelineActions {
    /** Reads one action from its entry; each record's static {@code parse}. */
    @FunctionalInterface
    interface Parser {
        TimelineAction parse(ActionReader r) throws ScenarioException;
    }

    private static final Map<String, Parser> PARSERS = parsers();

    private TimelineActions() {
    }

    private static Map<String, Parser> parsers() {
        Map<String, Parser> m = new LinkedHashMap<>();
        m.put("start", TimelineAction.StartNew::parse);
        m.put("stop", TimelineAction.Stop::parse);
        m.put("crash", TimelineAction.Crash::parse);
        m.put("rolling-restart", TimelineAction.RollingRestart::parse);
        m.put("pause", TimelineAction.Pause::parse);
        m.put("cut-network", TimelineAction.CutNetwork::parse);
        m.put("broker-crash", TimelineAction.BrokerCrash::parse);
        m.put("add-partitions", TimelineAction.AddPartitions::parse);
        m.put("set-rate", TimelineAction.SetRate::parse);
        m.put("burst", TimelineAction.Burst::parse);
        m.put("scale", TimelineAction.Scale::parse);
        m.put("subscribe", TimelineAction.Subscribe::parse);
        return m;
    }

    /** The action names that have a parser, in key-table order. */
    static Iterable<String> names() {
        return PARSERS.keySet();
    }

    /** The parser of {@code name}, a name of {@link ScenarioKeys#actions()}. */
    static Parser parser(String name) {
        Parser p = PARSERS.get(name);
        if (p == null) {
            throw new IllegalStateException("the key table lists the timeline action '" + name + "', which TimelineActions lacks");
        }
        return p;
    }
}
