package io.kgsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.YamlNode;
import io.kgsim.scenario.YamlReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class AxisValuesTest {
    private static List<String> expand(String values) throws ScenarioException {
        YamlNode node = ((YamlNode.Mapping) YamlReader.read("v.yaml", new StringReader("p: " + values))).entries().get("p");
        return AxisValues.expand(new SweepFile.Vary("p", null, node), 1000).stream().map(YamlNode.Scalar::text).toList();
    }

    @Test
    void rangesAreExpandedInTheirOwnGrammar() throws ScenarioException {
        assertEquals(List.of("100", "400", "700", "1000"), expand("{from: 100, to: 1000, step: 300}"));
        assertEquals(List.of("0.50", "0.75", "1.00", "1.25", "1.50"), expand("{from: 0.5, to: 1.5, step: 0.25}"));
        assertEquals(List.of("30s", "60s", "90s"), expand("{from: 30s, to: 90s, step: 30s}"), "one unit for all, not 1m");
        assertEquals(List.of("500ms", "1000ms", "1500ms", "2000ms"), expand("{from: 500ms, to: 2s, step: 500ms}"));
        assertEquals(List.of("1000/s", "2000/s", "3000/s"), expand("{from: 1000/s, to: 3000/s, step: 1000/s}"));
        assertEquals(List.of("7"), expand("{from: 7, to: 7, step: 1}"), "a range of one value");
    }

    @Test
    void chartsGetNumbersOrCategories() {
        assertArrayEquals(new double[] {100, 2.5}, AxisValues.numeric(List.of("100", "2.5")));
        assertArrayEquals(new double[] {250, 30_000, 120_000}, AxisValues.numeric(List.of("250ms", "30s", "2m")));
        assertArrayEquals(new double[] {1000, 50}, AxisValues.numeric(List.of("1000/s", "3000/m")));
        assertNull(AxisValues.numeric(List.of("10s", "fixed(1ms)")));
        assertNull(AxisValues.numeric(List.of("true", "false")));
    }

    @Test
    void badListsAndRangesAreRefused() {
        assertTrue(assertThrows(ScenarioException.class, () -> expand("[10s, 10s]")).getMessage().contains("lists '10s' twice"));
        assertTrue(assertThrows(ScenarioException.class, () -> expand("{from: 1, to: 5s, step: 1}")).getMessage()
                .contains("all numbers (100, 0.5), all durations (10s, 250ms) or all rates"));
        assertTrue(assertThrows(ScenarioException.class, () -> expand("{from: 1, to: 5}")).getMessage().contains("'step' is missing"));
        assertTrue(assertThrows(ScenarioException.class, () -> expand("{from: 1, to: 5, stp: 1}")).getMessage()
                .contains("unknown key 'stp' in a range; did you mean 'step'?"));
        assertTrue(assertThrows(ScenarioException.class, () -> expand("{from: 1, to: 5000, step: 1}")).getMessage()
                .contains("the range has 5000 values"));
        assertTrue(assertThrows(ScenarioException.class, () -> expand("30s")).getMessage().contains("expects a list of values"));
    }
}
