package io.kgsim.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.sim.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code comparison.json}: the strategies ranked, then each strategy's summary as
 * {@code summary.json} has it. The ranking orders by {@code unownedPartitionMs}, then
 * {@code recordsDuplicated}, {@code maxLag}, {@code partitionMovements}, time-averaged
 * {@code maxOverMeanLoad} and cross-rack bytes, all lower is better; ties keep the order the
 * strategies were given in.
 */
public final class ComparisonJson {
    private ComparisonJson() {
    }

    /** Indexes of {@code runs}, best first. */
    public static List<Integer> ranking(List<RunResult> runs) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            order.add(i);
        }
        Comparator<Integer> c = Comparator.<Integer>comparingLong(i -> runs.get(i).unownedPartitionUs())
                .thenComparingLong(i -> runs.get(i).recordsDuplicated())
                .thenComparingLong(i -> runs.get(i).maxLag())
                .thenComparingLong(i -> runs.get(i).partitionMovements())
                .thenComparingDouble(i -> nanLast(runs.get(i).maxOverMeanLoad()))
                .thenComparingLong(i -> runs.get(i).crossRackBytes());
        order.sort(c);
        return order;
    }

    private static double nanLast(double d) {
        return Double.isNaN(d) ? Double.MAX_VALUE : d;
    }

    public static String toJson(String scenario, long seed, List<String> names, List<RunResult> runs, List<String> skipped) {
        ObjectNode root = SummaryJson.MAPPER.createObjectNode();
        root.put("scenario", scenario);
        root.put("seed", seed);
        ArrayNode strategies = root.putArray("strategies");
        names.forEach(strategies::add);
        if (!skipped.isEmpty()) {
            ArrayNode s = root.putArray("skipped");
            skipped.forEach(s::add);
        }
        ArrayNode ranking = root.putArray("ranking");
        int rank = 1;
        for (int i : ranking(runs)) {
            RunResult r = runs.get(i);
            ObjectNode o = ranking.addObject();
            o.put("rank", rank++);
            o.put("strategy", names.get(i));
            o.put("unownedPartitionMs", SummaryJson.ms(r.unownedPartitionUs()));
            o.put("recordsDuplicated", r.recordsDuplicated());
            o.put("maxLag", r.maxLag());
            o.put("partitionMovements", r.partitionMovements());
            SummaryJson.putRatio(o, "maxOverMeanLoad", r.maxOverMeanLoad());
            o.put("crossRackBytes", r.crossRackBytes());
            o.put("rebalances", r.rebalances());
        }
        ObjectNode summaries = root.putObject("summaries");
        for (int i = 0; i < runs.size(); i++) {
            summaries.set(names.get(i), SummaryJson.build(runs.get(i)));
        }
        try {
            return SummaryJson.MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
