package io.chordflow.steps.evaluate.promote;

import io.chordflow.chords.eval.ChordEvaluator;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Json;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.steps.evaluate.report.BarCharts;
import io.chordflow.steps.evaluate.report.ComparisonReport;
import io.chordflow.tracking.registry.Promoter;
import io.chordflow.tracking.registry.Promotion;
import io.chordflow.tracking.suite.SuiteScores;
import io.chordflow.tracking.suite.VersionScores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A promotion decision as a side-by-side table (printed, and {@code promotion.txt}),
 * {@code promotion.json} (decision, suite, both score tables) and {@code per_quality.png}
 * (accuracy per reference quality, both models; chord models only).
 */
public final class PromotionReport {
    private PromotionReport() {
    }

    /** The table: the seven metrics (or every total) and their mean, then each quality, for both versions. */
    public static String table(Promoter.Outcome o, String alias) {
        SuiteScores c = o.candidateScores();
        SuiteScores h = o.championScores();
        String cn = "v" + o.candidate().version();
        String hn = o.champion().map(v -> alias + " v" + v.version()).orElse("-");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: suite %s (content hash %s)%n", o.candidate().name(), c.suite().name(),
                c.suite().hash()));
        sb.append(String.format(Locale.ROOT, "%-18s %12s %12s %9s%n", "metric", cn, h == null ? "" : hn, h == null ? "" : "delta"));
        List<String> metrics = new ArrayList<>(h == null ? Promotion.PAPER_METRICS.stream()
                .filter(c.totals()::containsKey).toList() : Promotion.comparedMetrics(c.totals(), h.totals()));
        if (metrics.isEmpty()) {
            metrics.addAll(c.totals().keySet());
        }
        for (String m : metrics) {
            row(sb, m, c.totals().get(m), h == null ? null : h.totals().get(m));
        }
        if (c.totals().keySet().containsAll(Promotion.PAPER_METRICS)
                && (h == null || h.totals().keySet().containsAll(Promotion.PAPER_METRICS))) {
            row(sb, Promotion.PAPER_MEAN, Promotion.score(c.totals(), Promotion.PAPER_MEAN, cn),
                    h == null ? null : Promotion.score(h.totals(), Promotion.PAPER_MEAN, hn));
        }
        TreeSet<String> present = new TreeSet<>(c.perQuality().keySet());
        if (h != null) {
            present.addAll(h.perQuality().keySet());
        }
        // the evaluator's order (N, maj, min, 7, ...), then any other name
        List<String> qualities = new ArrayList<>(ChordEvaluator.QUALITIES.stream().filter(present::contains).toList());
        present.stream().filter(q -> !qualities.contains(q)).forEach(qualities::add);
        if (!qualities.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "per reference quality (%s)%s%n", SuiteScores.QUALITY_METRIC,
                    ", rare: all but " + new TreeSet<>(Promotion.COMMON_QUALITIES)));
            for (String q : qualities) {
                row(sb, "  " + q, c.perQuality().get(q), h == null ? null : h.perQuality().get(q));
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Double c, Double h) {
        sb.append(String.format(Locale.ROOT, "%-18s %12s %12s %9s%n", name, num(c), h == null ? "" : num(h),
                c == null || h == null || c.isNaN() || h.isNaN() ? "" : String.format(Locale.ROOT, "%+.4f", c - h)));
    }

    private static String num(Double d) {
        return d == null || d.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", d);
    }

    /** Writes promotion.txt, promotion.json and (chord models compared) per_quality.png into {@code dir}. */
    public static void write(Path dir, Promoter.Outcome o, String alias, Promotion.Rule rule, String decision) throws IOException {
        Files.createDirectories(dir);
        String text = table(o, alias) + "decision: " + decision + System.lineSeparator();
        AtomicFiles.write(dir.resolve("promotion.txt"), text.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_version", 1);
        doc.put("model", o.candidate().name());
        doc.put("alias", alias);
        doc.put("candidate_version", o.candidate().version());
        doc.put("champion_version", o.champion().map(v -> v.version()).orElse(null));
        doc.put("status", o.status().name().toLowerCase(Locale.ROOT));
        doc.put("decision", decision);
        doc.put("promote", o.promote());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("metric", rule.metric());
        r.put("min_gain", rule.minGain());
        r.put("max_drop", Double.isInfinite(rule.maxDrop()) ? null : rule.maxDrop());
        r.put("max_rare_drop", Double.isInfinite(rule.maxRareDrop()) ? null : rule.maxRareDrop());
        doc.put("rule", r);
        doc.put("failures", o.verdict() == null ? List.of() : o.verdict().failures());
        doc.put("suite", o.candidateScores().suite().toMap());
        doc.put("candidate", scores(o.candidateScores()));
        doc.put("champion", o.championScores() == null ? null : scores(o.championScores()));
        AtomicFiles.write(dir.resolve("promotion.json"), Json.IN_ORDER.writeValueAsBytes(doc));
        if (o.championScores() != null && o.candidateScores().totals().keySet().containsAll(Promotion.PAPER_METRICS)
                && o.championScores().totals().keySet().containsAll(Promotion.PAPER_METRICS)
                && !o.candidateScores().perQuality().isEmpty()) {
            Map<String, EvaluationReport> docs = new LinkedHashMap<>();
            docs.put("candidate v" + o.candidate().version(), asMetricsDoc(o.candidateScores()));
            docs.put(alias + " v" + o.champion().orElseThrow().version(), asMetricsDoc(o.championScores()));
            BarCharts.perQuality(new ComparisonReport(docs, SuiteScores.QUALITY_METRIC), dir.resolve("per_quality.png"));
        }
    }

    private static Map<String, Object> scores(SuiteScores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", VersionScores.label(s));
        m.put("run_id", s.runId());
        m.put("total", s.totals());
        m.put("per_quality_" + SuiteScores.QUALITY_METRIC, s.perQuality());
        return m;
    }

    /** What ComparisonReport reads: {@code total} and {@code per_quality.Q.tetrads} (suite scores keep no durations; the chart needs none). */
    private static EvaluationReport asMetricsDoc(SuiteScores s) {
        Map<String, EvaluationReport.Quality> q = new LinkedHashMap<>();
        s.perQuality().forEach((k, v) -> q.put(k, new EvaluationReport.Quality(0, 0, Map.of(SuiteScores.QUALITY_METRIC, v))));
        return EvaluationReport.of(null, EvaluationReport.CHORDS, s.suite().ref(), List.of(), s.totals(), null, null, q, null);
    }
}
