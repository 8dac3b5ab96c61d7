package io.kgsim.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.sim.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code comparison.json}: what ran (scenario, seed, kgsim and kafka-clients versions), the
 * strategies ranked, then each strategy's summary as {@code summary.json} has it. The ranking
 * orders by {@code unownedPartitionMs}, then {@code recordsDuplicated}, {@code maxLag},
 * {@code partitionMovements}, time-averaged {@code maxOverMeanLoad} and cross-rack bytes, all
 * lower is better. Strategies equal on all of these share a rank (standard competition
 * ranking: 1, 1, 3) and keep the order they were given in.
 */
public final class ComparisonJson {
    private static final Comparator<RunResult> BETTER_FIRST = Comparator.comparingLong(RunResult::unownedPartitionUs)
            .thenComparingLong(RunResult::recordsDuplicated)
            .thenComparingLong(RunResult::maxLag)
            .thenComparingLong(RunResult::partitionMovements)
            .thenComparingDouble(r -> nanLast(r.maxOverMeanLoad()))
            .thenComparingLong(RunResult::crossRackBytes);

    private ComparisonJson() {
    }

    /** A strategy's place in the ranking: its index in the runs given, and its rank (from 1). */
    public record Place(int run, int rank) {
    }

    /** The runs best first; tied runs share the rank of the first of them, the next rank skips. */
    public static List<Place> ranking(List<RunResult> runs) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(runs::get, BETTER_FIRST)); // stable: ties keep the given order
        List<Place> places = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            RunResult r = runs.get(order.get(k));
            boolean tied = k > 0 && BETTER_FIRST.compare(runs.get(order.get(k - 1)), r) == 0;
            places.add(new Place(order.get(k), tied ? places.get(k - 1).rank() : k + 1));
        }
        return places;
    }

    private static double nanLast(double d) {
        return Double.isNaN(d) ? Double.MAX_VALUE : d;
    }

    public static String toJson(String scenario, long seed, List<String> names, List<RunResult> runs, List<String> skipped) {
        ObjectNode root = SummaryJson.MAPPER.createObjectNode();
        root.put("scenario", scenario);
        root.put("seed", seed);
        Versions.put(root);
        ArrayNode strategies = root.putArray("strategies");
        names.forEach(strategies::add);
        if (!skipped.isEmpty()) {
            ArrayNode s = root.putArray("skipped");
            skipped.forEach(s::add);
        }
        ArrayNode ranking = root.putArray("ranking");
        for (Place p : ranking(runs)) {
            int i = p.run();
            RunResult r = runs.get(i);
            ObjectNode o = ranking.addObject();
            o.put("rank", p.rank());
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
