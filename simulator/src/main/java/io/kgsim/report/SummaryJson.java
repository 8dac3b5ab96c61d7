package io.kgsim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.engine.Durations;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code summary.json}: the run's figures, fields in a fixed order (DESIGN.md names). */
public final class SummaryJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private SummaryJson() {
    }

    public static ObjectNode build(RunResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenario", r.scenario());
        root.put("seed", r.seed());
        root.put("strategy", r.strategy());
        root.put("protocol", r.protocol());
        root.put("virtualDurationMs", ms(r.virtualDurationUs()));
        root.put("events", r.events());
        root.put("rebalances", r.rebalances());
        root.put("partitionMovements", r.partitionMovements());
        root.put("unownedPartitionMs", ms(r.unownedPartitionUs()));
        root.put("recordsProduced", r.recordsProduced());
        root.put("recordsConsumed", r.recordsConsumed());
        root.put("recordsDuplicated", r.recordsDuplicated());
        root.put("recordsLost", r.recordsLost());
        root.put("maxLag", r.maxLag());
        ObjectNode imbalance = root.putObject("imbalance");
        putRatio(imbalance, "maxOverMeanLoad", r.maxOverMeanLoad());
        putRatio(imbalance, "partitionCountSpread", r.partitionCountSpread());
        root.put("crossRackBytes", r.crossRackBytes());
        ObjectNode fa = root.putObject("finalAssignment");
        boolean qualify = r.groups().size() > 1;
        for (GroupResult g : r.groups()) {
            for (Map.Entry<String, List<String>> e : g.finalAssignment().entrySet()) {
                ArrayNode a = fa.putArray(qualify ? g.group() + "/" + e.getKey() : e.getKey());
                e.getValue().forEach(a::add);
            }
        }
        root.put("invariantViolations", r.invariantViolations());
        root.put("strandedPartitions", r.strandedPartitions());
        ArrayNode groups = root.putArray("groups");
        for (GroupResult g : r.groups()) {
            ObjectNode o = groups.addObject();
            o.put("group", g.group());
            o.put("strategy", g.strategy());
            o.put("protocol", g.protocol());
            o.put("rebalances", g.rebalances());
            o.put("finalGeneration", g.finalGeneration());
            o.put("partitionMovements", g.partitionMovements());
            o.put("unownedPartitionMs", ms(g.unownedPartitionUs()));
            o.put("members", g.finalAssignment().size());
            o.put("recordsProduced", g.recordsProduced());
            o.put("recordsConsumed", g.recordsConsumed());
            o.put("recordsDuplicated", g.recordsDuplicated());
            o.put("recordsLost", g.recordsLost());
            o.put("maxLag", g.maxLag());
            ObjectNode gi = o.putObject("imbalance");
            putRatio(gi, "maxOverMeanLoad", g.avgMaxOverMeanLoad());
            putRatio(gi, "partitionCountSpread", g.avgPartitionCountSpread());
            o.put("crossRackBytes", g.crossRackBytes());
            ObjectNode moves = o.putObject("partitionMovementsPerGeneration");
            g.movementsPerGeneration().forEach((gen, n) -> moves.put(Integer.toString(gen), n));
        }
        if (!r.warnings().isEmpty()) {
            ArrayNode w = root.putArray("warnings");
            r.warnings().forEach(w::add);
        }
        if (!r.violationMessages().isEmpty()) {
            ArrayNode v = root.putArray("invariantViolationMessages");
            r.violationMessages().forEach(v::add);
        }
        return root;
    }

    public static String toJson(RunResult r) {
        try {
            return MAPPER.writeValueAsString(build(r)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ratio rounded to 4 decimals (null when undefined), so the text is stable and readable. */
    static void putRatio(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_EVEN));
        }
    }

    /** Microseconds as a plain decimal number of milliseconds (exact, no float rounding). */
    static BigDecimal ms(long us) {
        return new BigDecimal(Durations.millisText(us));
    }
}
