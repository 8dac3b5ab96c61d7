package io.kgsim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.engine.Durations;
import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.RebalanceDurationStats;
import io.kgsim.sim.Figures;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code summary.json}: the run's figures, fields in a fixed order (the names the README documents). */
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
        putFinalAssignment(root.putObject("finalAssignment"), r);
        root.put("invariantViolations", r.invariantViolations());
        root.put("strandedPartitions", r.strandedPartitions());
        root.put("staleReconciliations", r.staleReconciliations());
        root.put("staleReconciliationMs", ms(r.staleReconciliationUs()));
        ArrayNode groups = root.putArray("groups");
        for (GroupResult g : r.groups()) {
            ObjectNode o = groups.addObject();
            o.put("group", g.group());
            o.put("strategy", g.strategy());
            o.put("protocol", g.protocol());
            // Named in the group's protocol's words: finalGeneration or finalGroupEpoch.
            String epoch = "generation".equals(g.epochName()) ? "Generation" : "GroupEpoch";
            o.put("final" + epoch, g.finalEpoch());
            o.put("members", g.finalAssignment().size());
            putFigures(o, g);
            ObjectNode moves = o.putObject("partitionMovementsPer" + epoch);
            g.movementsPerEpoch().forEach((gen, n) -> moves.put(Integer.toString(gen), n));
            if (g.memberIdsFixed()) {
                // Only when the scenario fixes ids (a replay's): the derived ones are an artefact of the seed.
                ObjectNode ids = o.putObject("memberIds");
                g.memberIds().forEach((name, list) -> list.forEach(ids.putArray(name)::add));
            }
        }
        putMessages(root, r);
        return root;
    }

    /** Each member's partitions at the end; with several groups a member is named group/member. */
    private static void putFinalAssignment(ObjectNode fa, RunResult r) {
        boolean qualify = r.groups().size() > 1;
        for (GroupResult g : r.groups()) {
            for (Map.Entry<String, List<String>> e : g.finalAssignment().entrySet()) {
                ArrayNode a = fa.putArray(qualify ? g.group() + "/" + e.getKey() : e.getKey());
                e.getValue().forEach(a::add);
            }
        }
    }

    /** The scenario's warnings and the invariant violations' messages, each field only when there are any. */
    private static void putMessages(ObjectNode root, RunResult r) {
        if (!r.warnings().isEmpty()) {
            ArrayNode w = root.putArray("warnings");
            r.warnings().forEach(w::add);
        }
        if (!r.violationMessages().isEmpty()) {
            ArrayNode v = root.putArray("invariantViolationMessages");
            r.violationMessages().forEach(v::add);
        }
    }

    public static String toJson(RunResult r) {
        try {
            return MAPPER.writeValueAsString(build(r)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The figures a run and each of its groups report, in the order the README lists them. */
    static void putFigures(ObjectNode o, Figures f) {
        o.put("rebalances", f.rebalances());
        putRebalanceDurations(o.putObject("rebalanceDurationMs"), f.rebalanceDurations());
        o.put("partitionMovements", f.partitionMovements());
        o.put("unownedPartitionMs", ms(f.unownedPartitionUs()));
        o.put("recordsProduced", f.recordsProduced());
        o.put("recordsConsumed", f.recordsConsumed());
        o.put("recordsDuplicated", f.recordsDuplicated());
        o.put("recordsLost", f.recordsLost());
        o.put("maxLag", f.maxLag());
        putLatency(o.putObject("recordLatencyMs"), f.recordLatency());
        ObjectNode imbalance = o.putObject("imbalance");
        putRatio(imbalance, "maxOverMeanLoad", f.maxOverMeanLoad());
        putRatio(imbalance, "partitionCountSpread", f.partitionCountSpread());
        o.put("crossRackBytes", f.crossRackBytes());
    }

    /** Completed rebalances' count, percentiles and longest, in ms (null when none), and those left open. */
    static void putRebalanceDurations(ObjectNode o, RebalanceDurationStats d) {
        o.put("count", d.count());
        o.put("open", d.open());
        putMs(o, "p50", d.p50Us());
        putMs(o, "p95", d.p95Us());
        putMs(o, "max", d.maxUs() < 0 ? Double.NaN : d.maxUs());
    }

    /** Record latency percentiles and maximum in ms (null when no record was processed). */
    static void putLatency(ObjectNode o, LatencyHistogram h) {
        boolean any = h.count() > 0;
        putMs(o, "p50", any ? h.percentile(0.50) : Double.NaN);
        putMs(o, "p99", any ? h.percentile(0.99) : Double.NaN);
        putMs(o, "max", any ? h.max() : Double.NaN);
    }

    /** Microseconds rounded to the microsecond, as milliseconds; null when NaN. */
    static void putMs(ObjectNode o, String field, double us) {
        if (Double.isNaN(us)) {
            o.putNull(field);
        } else {
            o.put(field, ms(Math.round(us)));
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
