package io.kgsim.sweep;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Values;
import io.kgsim.scenario.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A varied parameter while the plan is built: where its path leads in the scenario, where the
 * sweep file names it, its values as written (each located where the sweep file writes it), and
 * the values the scenario is given.
 *
 * @param given the values the scenario gets: as written, but a duration given to a Kafka config
 *        in milliseconds ({@code session.timeout.ms: [10s, 45s]}) becomes its whole milliseconds
 */
record SweepAxis(ScenarioPath.Target target, Location at, List<YamlNode.Scalar> values, List<YamlNode.Scalar> given) {
    SweepAxis {
        values = List.copyOf(values);
        given = List.copyOf(given);
    }

    static SweepAxis of(ScenarioPath.Target target, Location at, List<YamlNode.Scalar> values) throws ScenarioException {
        List<YamlNode.Scalar> given = new ArrayList<>();
        for (YamlNode.Scalar v : values) {
            given.add(target.kafkaMillis() ? millis(target, v) : v);
        }
        return new SweepAxis(target, at, values, given);
    }

    /** A duration as whole milliseconds, where Kafka takes a number of milliseconds; other values as they are. */
    private static YamlNode.Scalar millis(ScenarioPath.Target target, YamlNode.Scalar v) throws ScenarioException {
        String t = v.text().trim();
        if (t.matches("-?\\d+") || !t.toLowerCase(java.util.Locale.ROOT).matches(Values.DURATION_REGEX)) {
            return v;
        }
        long us = Values.duration(t);
        if (us % 1000 != 0) {
            throw new ScenarioException(v.location(), "vary '" + target.path() + "': Kafka takes whole milliseconds, found '" + t + "'");
        }
        return new YamlNode.Scalar(v.location(), Long.toString(us / 1000), false);
    }

    /**
     * The axis as the plan and the outputs see it: the values the scenario is given. A Kafka
     * config in milliseconds is written, charted and sorted in milliseconds however each value
     * was written (10s, 30000), so that its column in runs.csv is the config's own number (a
     * pandas user gets integers, not the text "10s" that sorts before "6s").
     */
    Axis axis() {
        List<String> texts = given.stream().map(YamlNode.Scalar::text).toList();
        return new Axis(target.path(), texts, AxisValues.numeric(texts), at);
    }
}
