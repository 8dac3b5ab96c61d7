package io.kgsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void millisecondsAreWrittenWithoutTrailingZeros() {
        assertEquals("2", Durations.millisText(2_000));
        assertEquals("1.5", Durations.millisText(1_500));
        assertEquals("1.01", Durations.millisText(1_010));
        assertEquals("0.001", Durations.millisText(1));
        assertEquals("123.456", Durations.millisText(123_456));
        assertEquals("-1.5", Durations.millisText(-1_500));
        assertEquals("-0.5", Durations.millisText(-500));
        assertEquals("0", Durations.millisText(0));
    }
}
