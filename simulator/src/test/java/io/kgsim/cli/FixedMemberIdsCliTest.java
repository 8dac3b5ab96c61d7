package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.testing.Cli.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixed member ids through the command line: a bad one is bad input, a good one reaches summary.json. */
class FixedMemberIdsCliTest {
    @TempDir
    Path tmp;

    private Path write(String id) throws IOException {
        Path p = tmp.resolve("ids.yaml");
        Files.writeString(p, """
                name: ids
                duration: 20s
                topics:
                  - name: t
                    partitions: 2
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    members:
                      - {name: c2, member.id: %s}
                """.formatted(id), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aMalformedClassicIdIsOneLocatedParagraphExitTwoAndNothingWritten() throws IOException {
        Path file = write("c2-not-a-uuid");
        Path out = tmp.resolve("never");
        Outcome o = kgsim("run", file.toString(), "--out", out.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains(file + ":11:31: member c2 of group 'g' (classic protocol): a classic-protocol member id is made by the coordinator"), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one paragraph: " + o.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aGivenIdIsInTheSummary() throws IOException {
        String id = "consumer-g-1-0a3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a";
        Path out = tmp.resolve("out");
        Outcome o = kgsim("run", write(id).toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode ids = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("groups").get(0).get("memberIds");
        assertEquals(id, ids.get("c2").get(0).asText());
        assertTrue(ids.get("c1").get(0).asText().startsWith("c1-"), "c1's id is derived: " + ids);
    }
}
