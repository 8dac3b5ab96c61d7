package io.kgsim.replay.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.engine.Durations;
import java.math.BigDecimal;

/**
 * {@code replay.json}: a replay's comparison, fields in a fixed order (the names the README
 * documents), times in milliseconds with microsecond precision. The same two recordings always
 * give the same bytes.
 */
public final class ReplayJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ReplayJson() {
    }

    public static String toJson(ReplayComparison c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenario", c.scenario());
        root.put("strategy", c.strategy());
        root.put("seed", c.seed());
        root.put("kafkaVersion", c.kafkaVersion());
        root.put("verdict", c.passed() ? "pass" : "fail");
        root.put("failedChecks", c.failedChecks());
        ObjectNode tolerances = root.putObject("tolerances");
        tolerances.put("timeToLastChangeRelative", Tolerances.TIME_RELATIVE);
        tolerances.put("timeToLastChangeMinMs", ms(Tolerances.TIME_MIN_US));
        tolerances.put("unownedPartitionRelative", Tolerances.UNOWNED_RELATIVE);
        tolerances.put("unownedPartitionMinMs", ms(Tolerances.UNOWNED_MIN_US));
        ObjectNode ids = root.putObject("memberIds");
        c.memberIds().forEach((member, list) -> list.forEach(ids.putArray(member)::add));
        ObjectNode topicIds = root.putObject("topicIds");
        c.topicIds().forEach(topicIds::put);
        ArrayNode groups = root.putArray("groups");
        for (ReplayComparison.GroupSteps g : c.groups()) {
            ObjectNode o = groups.addObject();
            o.put("group", g.group());
            o.put("strategy", g.strategy());
            o.put("protocol", g.protocol());
            o.put("verdict", g.passed() ? "pass" : "fail");
            ArrayNode steps = o.putArray("steps");
            g.steps().forEach(s -> step(steps.addObject(), s));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static void step(ObjectNode o, StepComparison s) {
        o.put("step", s.step().number());
        o.put("action", s.step().action());
        o.put("atMs", ms(s.step().atUs()));
        o.put("untilMs", ms(s.step().untilUs()));
        metrics(o.putObject("real"), s.real());
        metrics(o.putObject("simulated"), s.simulated());
        ObjectNode checks = o.putObject("checks");
        ObjectNode a = checks.putObject("assignment");
        a.put("pass", s.assignmentMatches());
        s.differingMembers().forEach(a.putArray("differingMembers")::add);
        checks.putObject("rebalances").put("pass", s.rebalancesMatch());
        ObjectNode t = checks.putObject("timeToLastChange");
        t.put("pass", s.timeMatches());
        t.put("toleranceMs", ms(s.timeToleranceUs()));
        ObjectNode u = checks.putObject("unownedPartitionMs");
        u.put("pass", s.unownedMatches());
        u.put("toleranceMs", ms(s.unownedToleranceUs()));
        o.put("pass", s.passed());
    }

    private static void metrics(ObjectNode o, StepMetrics m) {
        o.put("actionAtMs", ms(m.actionAtUs()));
        ObjectNode assignment = o.putObject("assignment");
        m.assignment().forEach((member, partitions) -> {
            ArrayNode a = assignment.putArray(member);
            partitions.forEach(a::add);
        });
        o.put("rebalances", m.rebalances());
        o.put("partitionsMoved", m.partitionsMoved());
        o.put("revocations", m.revocations());
        if (m.timeToLastChangeUs() == null) {
            o.putNull("timeToLastChangeMs");
        } else {
            o.put("timeToLastChangeMs", ms(m.timeToLastChangeUs()));
        }
        o.put("unownedPartitionMs", ms(m.unownedPartitionUs()));
    }

    /** Milliseconds with the microseconds kept, written as summary.json writes them. */
    static BigDecimal ms(long us) {
        return new BigDecimal(Durations.millisText(us));
    }
}
