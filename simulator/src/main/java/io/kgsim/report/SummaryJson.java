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
        Versions.put(root);
        root.put("virtualDurationMs", ms(r.virtualDurationUs()));
        root.put("events", r.events());
        putFigures(root, r);
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
            o.put("finalGeneration", g.finalGeneration());
            o.put("members", g.finalAssignment().size());
            putFigures(o, g);
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

    /** The figures a run and each of its groups report, in DESIGN.md's order. */
    static void putFigures(ObjectNode o, io.kgsim.sim.Figures f) {
        o.put("rebalances", f.rebalances());
        o.put("partitionMovements", f.partitionMovements());
        o.put("unownedPartitionMs", ms(f.unownedPartitionUs()));
        o.put("recordsProduced", f.recordsProduced());
        o.put("recordsConsumed", f.recordsConsumed());
        o.put("recordsDuplicated", f.recordsDuplicated());
        o.put("recordsLost", f.recordsLost());
        o.put("maxLag", f.maxLag());
        ObjectNode imbalance = o.putObject("imbalance");
        putRatio(imbalance, "maxOverMeanLoad", f.maxOverMeanLoad());
        putRatio(imbalance, "partitionCountSpread", f.partitionCountSpread());
        o.put("crossRackBytes", f.crossRackBytes());
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
