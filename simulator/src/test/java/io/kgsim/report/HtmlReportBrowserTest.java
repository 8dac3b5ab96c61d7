package io.kgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a real report.html in headless Chromium and checks that every chart is laid out and
 * visible. Needs Debian's chromium package: the test installs nothing and is skipped without
 * it, saying why on the build output; .ci/run installs it, so CI runs this test.
 */
class HtmlReportBrowserTest {
    @TempDir
    Path tmp;

    /** Appended to a copy of the page: measures each chart and writes the result into the DOM. */
    private static final String PROBE = """
            <script>
            window.addEventListener('load', () => {
              const out = [];
              for (const f of document.querySelectorAll('figure')) {
                const svg = f.querySelector('svg');
                const r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
                const style = svg ? getComputedStyle(svg) : null;
                const visible = !!svg && r.width > 300 && r.height > 100 && style.visibility === 'visible' && style.display !== 'none';
                out.push(f.id + '=' + (visible ? 'visible' : 'hidden') + ':' + Math.round(r.width) + 'x' + Math.round(r.height));
              }
              const pre = document.createElement('pre');
              pre.id = 'probe';
              pre.textContent = 'CHARTS[' + out.join(';') + ']';
              document.body.appendChild(pre);
            });
            </script>
            """;

    static final String SKIP_REASON =
            "Chromium is not installed (apt-get install chromium); skipping the browser check of report.html. CI installs it.";

    static Path chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    @Test
    void everyChartOfARunReportIsVisibleInABrowser() throws Exception {
        Path chromium = chromium();
        if (chromium == null) {
            // Surefire only records an assumption's message in its XML report: say it in the build output too.
            System.err.println("[SKIPPED] " + HtmlReportBrowserTest.class.getSimpleName() + ": " + SKIP_REASON);
        }
        Assumptions.assumeTrue(chromium != null, SKIP_REASON);
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, """
                name: browser
                duration: 60s
                topics:
                  - name: t
                    partitions: 6
                    produce:
                      rate: 500/s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    processing:
                      per.record: 1ms
                    config:
                      auto.offset.reset: earliest
                timeline:
                  - at: 20s
                    crash: g/c2
                """);
        Path out = tmp.resolve("out");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "run", scenario.toString(), "--out", out.toString()), err.toString());
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        Path probed = tmp.resolve("probed.html");
        Files.writeString(probed, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);

        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1200,1000", "--virtual-time-budget=5000",
                "--dump-dom", probed.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        Matcher m = Pattern.compile("id=\"probe\">CHARTS\\[([^\\]]*)\\]").matcher(dom);
        assertTrue(m.find(), "the probe ran in the page: " + dom.substring(0, Math.min(500, dom.length())));
        String[] charts = m.group(1).split(";");
        assertEquals(HtmlReport.RUN_CHARTS.size(), charts.length, m.group(1));
        for (String c : charts) {
            assertTrue(c.contains("=visible:"), "chart not visible: " + c);
        }
    }

    @Test
    void everyBoxPlotOfAReportOverSeedsIsVisibleInABrowser() throws Exception {
        Path chromium = chromium();
        Assumptions.assumeTrue(chromium != null, SKIP_REASON);
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, """
                name: browser-seeds
                duration: 30s
                topics:
                  - name: t
                    partitions: 6
                    produce:
                      rate: 300/s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 3
                    processing:
                      per.record: lognormal(1ms, 0.5)
                    config:
                      auto.offset.reset: earliest
                timeline:
                  - at: 10s
                    crash: g/c2
                """);
        Path out = tmp.resolve("seeds");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "compare", scenario.toString(), "--seeds", "3",
                "--strategies", "range,cooperative-sticky", "--out", out.toString()), err.toString());
        long boxes;
        try (var files = Files.list(out)) {
            boxes = files.filter(f -> f.getFileName().toString().matches("box-.*\\.svg")).count();
        }
        String[] charts = probe(chromium, Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8));
        assertTrue(boxes > 0 && charts.length == boxes, boxes + " box plots written, in the page: " + String.join(";", charts));
        for (String c : charts) {
            assertTrue(c.startsWith("chart-box-") && c.contains("=visible:"), "box plot not visible: " + c);
        }
    }

    @Test
    void everyLineChartAndHeatMapOfASweepReportIsVisibleInABrowser() throws Exception {
        Path chromium = chromium();
        Assumptions.assumeTrue(chromium != null, SKIP_REASON);
        io.kgsim.sweep.SweepPlan plan = SweepFixture.plan("browser-sweep", List.of(SweepFixture.numeric("groups[g].config.session.timeout.ms", "10s", "45s"),
                SweepFixture.category("groups[g].config.group.protocol", "classic", "consumer")), List.of("range", "sticky"), "3", "maxLag");
        Path out = Files.createDirectories(tmp.resolve("sweep"));
        List<String> files = SweepReport.write(plan, SweepFixture.stats(plan, "maxLag", (p, s, seed) -> 100.0 * (p + 1) + 10 * s + seed, false), "maxLag",
                List.of(), 0, out, new ArrayList<>());
        long svgs = files.stream().filter(f -> f.endsWith(".svg")).count();
        String[] charts = probe(chromium, Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8));
        assertTrue(svgs == 6 && charts.length == svgs, svgs + " charts written, in the page: " + String.join(";", charts));
        for (String c : charts) {
            assertTrue(c.startsWith("chart-sweep-") && c.contains("=visible:"), "sweep chart not visible: " + c);
        }
    }

    /** Each figure of the page, as id=visible:WxH or id=hidden:..., measured by headless Chromium. */
    private String[] probe(Path chromium, String html) throws Exception {
        Path probed = tmp.resolve("probed-" + System.nanoTime() + ".html");
        Files.writeString(probed, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1200,1000", "--virtual-time-budget=5000",
                "--dump-dom", probed.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        Matcher m = Pattern.compile("id=\"probe\">CHARTS\\[([^\\]]*)\\]").matcher(dom);
        assertTrue(m.find(), "the probe ran in the page: " + dom.substring(0, Math.min(500, dom.length())));
        return m.group(1).split(";");
    }
}
