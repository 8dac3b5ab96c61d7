package io.kgsim.protocol.consumer;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void print() throws Exception {
        Runs.Recorded r = Runs.run(Files.readString(Path.of("/tmp/i13m/s.yaml")));
        for (GroupEvent e : r.events()) {
            if (e.type() == io.kgsim.protocol.GroupEventType.OFFSETS_COMMITTED) continue;
            System.out.println(e.timeUs() / 1000 + "ms " + e.type().traceName() + " " + e.member() + " " + e.epoch() + " " + e.reason() + " " + (e.partitions() == null ? "" : e.partitions()));
        }
        System.out.println(r.result().invariantViolations());
    }
}
