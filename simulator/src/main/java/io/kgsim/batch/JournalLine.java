package io.kgsim.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepRun;
import java.util.Locale;

/**
 * One finished run as one line of a sweep's journal:
 * {@code {"run":17,"status":"ok","error":null,"figures":[3,1250.5,null,...]}}, the figures in
 * {@link RunFigures#METRICS}' order, NaN written as null. Jackson writes a double in the shortest
 * form that reads back as the same double, so an outcome read back is the very one written and
 * a resumed sweep's outputs are the bytes an uninterrupted one writes. The seed and strategy are
 * not written: the run's number names them in the plan.
 */
final class JournalLine {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JournalLine() {
    }

    /** The line, without its line end. */
    static String write(RunOutcome o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("run", o.index());
        n.put("status", o.status().name().toLowerCase(Locale.ROOT));
        n.put("error", o.error());
        ArrayNode figures = n.putArray("figures");
        for (double v : o.figures().values()) {
            if (Double.isNaN(v)) {
                figures.addNull();
            } else {
                figures.add(v);
            }
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The outcome {@code line} holds, for a run of {@code plan}.
     *
     * @throws IllegalArgumentException when the line is not one {@link #write} wrote for this plan
     */
    static RunOutcome read(String line, SweepPlan plan) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (n == null || !n.path("run").canConvertToLong() || !n.path("figures").isArray()
                || n.get("figures").size() != RunFigures.METRICS.size()) {
            throw new IllegalArgumentException("not a finished run");
        }
        long index = n.get("run").asLong();
        if (index < 0 || index >= plan.runs()) {
            throw new IllegalArgumentException("run " + index + " is not a run of this sweep");
        }
        RunOutcome.Status status = status(n.path("status").asText());
        double[] values = new double[RunFigures.METRICS.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = n.get("figures").get(i);
            if (!v.isNull() && !v.isNumber()) {
                throw new IllegalArgumentException("figure " + i + " is not a number");
            }
            values[i] = v.isNull() ? Double.NaN : v.doubleValue();
        }
        SweepRun run = plan.run(index);
        String error = n.path("error").isTextual() ? n.get("error").asText() : null;
        return new RunOutcome(index, new RunFigures(run.seed(), plan.strategies().get(run.strategy()), values), status, error);
    }

    private static RunOutcome.Status status(String text) {
        for (RunOutcome.Status s : RunOutcome.Status.values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status " + text);
    }
}
