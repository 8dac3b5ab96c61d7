package io.kgsim.report;

import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep's charts and report.html. (Placeholder with the final signature: the sweep's report
 * replaces this class; it writes a plain report.html so the sweep's driver can be built and tested.)
 */
public final class SweepReport {
    private SweepReport() {
    }

    /**
     * Writes the charts of {@code metric} and report.html into {@code staging}; what cannot be
     * rendered is added to {@code failures} and the rest is still written.
     *
     * @param failedRuns the first failed runs, in run order; {@code failedTotal} how many failed in all
     * @return the names of the files written
     */
    public static List<String> write(SweepPlan plan, List<PointStatistics> points, String metric, List<RunOutcome> failedRuns,
            long failedTotal, Path staging, List<OutputFailure> failures) {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + HtmlReport.esc(plan.name())
                + "</title></head><body><h1>" + HtmlReport.esc(plan.name()) + "</h1><p>" + points.size() + " points, "
                + plan.runs() + " runs, " + failedTotal + " failed; metric " + HtmlReport.esc(metric) + "</p></body></html>\n";
        try {
            Files.writeString(staging.resolve("report.html"), html, StandardCharsets.UTF_8);
            return List.of("report.html");
        } catch (IOException | RuntimeException e) {
            failures.add(new OutputFailure("report.html", e));
            return List.of();
        }
    }
}
