package io.kgsim.replay.compare;

import io.kgsim.replay.record.Recording;
import io.kgsim.report.OutputsFailedException;
import io.kgsim.report.RunArtifacts;
import io.kgsim.report.TraceOptions;
import io.kgsim.scenario.FixedMemberIds;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.MemberIdFormat;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.TopicSpec;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioVariants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * The simulated side of a replay: simulates the scenario with the member ids the real run got,
 * nothing produced, and members started together spaced as the real run spaces them ({@link SpacedStarts}), writes the usual run outputs into the output directory (report.html with a
 * "Replay against a real broker" section), compares it step by step with the real run, and
 * writes {@code replay.json} beside them.
 */
public final class ReplaySimulation {
    public static final String REPLAY_JSON = "replay.json";
    public static final String REPLAY_EVENTS = "replay-events.jsonl";

    private ReplaySimulation() {
    }

    /** What the simulation gave: its run and recording, and the comparison with the real run. */
    public record Outcome(RunResult result, Recording simulated, ReplayComparison comparison) {
    }

    /**
     * @param scenario the scenario as replayed (strategy already applied), production still on:
     *                 the replay's variant is made here
     * @param real     what the real run recorded
     * @throws ScenarioException when a real member id does not fit the group's protocol
     * @throws OutputsFailedException when a chart or the report could not be rendered; replay.json
     *     and the other outputs are written
     */
    public static Outcome run(Scenario scenario, Recording real, Path dir, RunArtifacts.ProgressSink progress)
            throws IOException, ScenarioException {
        Scenario replayed = ScenarioVariants.withoutProduction(withTopicIds(withMemberIds(scenario, real.memberIds()), real.topicIds()));
        // the recorder keeps the scenario's own timeline: a replay's steps are its entries
        SimulatedRecorder recorder = new SimulatedRecorder(replayed);
        replayed = SpacedStarts.of(replayed);
        // Measured against the scenario as the user wrote it: the same steps, with its labels.
        ReplayComparison[] comparison = {null};
        RunResult result;
        try {
            result = RunArtifacts.runAndWrite(replayed, dir, recorder, progress, TraceOptions.FULL, r -> {
                comparison[0] = ReplayComparison.of(scenario, real, recorder.recording(r));
                return ReplayHtml.section(comparison[0]);
            });
        } catch (OutputsFailedException e) {
            writeJson(dir, comparison[0] != null ? comparison[0] : ReplayComparison.of(scenario, real, recorder.recording(e.result())),
                    real, recorder.recording(e.result()));
            throw e;
        }
        writeJson(dir, comparison[0], real, recorder.recording(result));
        return new Outcome(result, recorder.recording(result), comparison[0]);
    }

    /**
     * The scenario with each member's ids fixed to those {@code memberIds} ({@code group/member}
     * -> ids, in the order it got them) lists; members it does not list keep ids from the seed.
     */
    public static Scenario withMemberIds(Scenario s, Map<String, List<String>> memberIds) throws ScenarioException {
        List<GroupSpec> groups = new ArrayList<>();
        for (GroupSpec g : s.groups()) {
            List<FixedMemberIds> fixed = new ArrayList<>();
            String prefix = g.groupId() + "/";
            memberIds.forEach((member, ids) -> {
                if (member.startsWith(prefix) && !ids.isEmpty()) {
                    fixed.add(FixedMemberIds.of(member.substring(prefix.length()), ids));
                }
            });
            GroupSpec withIds = g.withMemberIds(fixed);
            MemberIdFormat.check(withIds, "the member ids the real run got");
            groups.add(withIds);
        }
        return s.withGroups(List.copyOf(groups));
    }

    /**
     * The scenario with each topic's id fixed to the one {@code topicIds} (scenario topic -> id in
     * Kafka's string form) gives it; topics it does not list keep ids from the seed. The consumer
     * protocol's uniform assignor orders topics by id, so without them the same member ids can
     * still give another assignment.
     */
    public static Scenario withTopicIds(Scenario s, Map<String, String> topicIds) {
        List<TopicSpec> topics = new ArrayList<>();
        for (TopicSpec t : s.topics()) {
            String id = topicIds.get(t.name());
            topics.add(id == null ? t : t.withTopicId(Uuid.fromString(id)));
        }
        return s.withTopics(List.copyOf(topics));
    }

    /** replay.json and replay-events.jsonl, each written whole or not at all. */
    private static void writeJson(Path dir, ReplayComparison c, Recording real, Recording simulated) throws IOException {
        writeWhole(dir, REPLAY_EVENTS, ReplayEventsJson.toJsonLines(real, simulated));
        writeWhole(dir, REPLAY_JSON, ReplayJson.toJson(c));
    }

    private static void writeWhole(Path dir, String name, String text) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
