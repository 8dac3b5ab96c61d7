package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.testing.Cli.Outcome;
import org.junit.jupiter.api.Test;

class CompletionCommandTest {
    @Test
    void printsABashScriptThatKnowsEveryCommandAndOption() {
        Outcome o = kgsim("completion");
        assertEquals(0, o.code(), o.err());
        String script = o.out();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.substring(0, 80));
        assertTrue(script.contains("complete -F _complete_kgsim"), "registers the completion function for kgsim");
        for (String word : new String[] {"run", "compare", "sweep", "validate", "gallery", "completion"}) {
            assertTrue(script.contains("_picocli_kgsim_" + word + "()"), "a completion function for " + word);
        }
        for (String option : new String[] {"--seed", "--strategy", "--out", "--log-events", "--trace", "--trace-gzip", "--classpath", "--threads", "--scenarios", "--engine", "--resume", "--metric"}) {
            assertTrue(script.contains(option), option);
        }
        assertTrue(script.contains("(\"full\" \"protocol\" \"none\") # --trace values"), "--trace completes its modes");
        assertTrue(script.contains("(\"range\" \"roundrobin\" \"sticky\" \"cooperative-sticky\""), "--strategy completes the strategy names");
        assertTrue(script.contains("(\"local\" \"spark\") # --engine values"), "--engine completes the engines");
        assertTrue(script.contains("\"unownedPartitionMs\""), "--metric completes the figures");
        assertTrue(script.contains("ZSH_VERSION"), "works in zsh through bashcompinit");
    }
}
