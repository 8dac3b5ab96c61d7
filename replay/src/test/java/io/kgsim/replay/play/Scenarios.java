package io.kgsim.replay.play;

import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;

import java.io.StringReader;

/** Test scenarios from YAML text, loaded as the command line loads a file. */
final class Scenarios {
    private Scenarios() {
    }

    static Scenario parse(String yaml) {
        try {
            return ScenarioLoader.parse("test.yaml", new StringReader(yaml));
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
