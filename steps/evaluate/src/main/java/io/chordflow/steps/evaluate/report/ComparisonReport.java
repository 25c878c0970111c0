package io.chordflow.steps.evaluate.report;

import io.chordflow.chords.eval.ChordEvaluator;
import io.chordflow.chords.eval.ChordMetric;
import io.chordflow.common.InputException;
import io.chordflow.contract.EvaluationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Paper 1's comparison of models on one test set: the seven metrics (duration-weighted over
 * songs) and their mean per model, accuracy per reference quality, and the paper's claims checked
 * on the numbers: the stage-1 student reaches at least {@value #STAGE1_SHARE} of the teacher's
 * mean; the stage-2 student beats the teacher's and the supervised baseline's means by the margins
 * of its architecture's {@link PaperFigures}, and both on the rare qualities; every learned model
 * beats the no-learning chroma-template baseline on every metric (stage 2 by {@value #OVER_TEMPLATE}). Input per model: its
 * {@link EvaluationReport} ({@code total}, {@code per_quality}).
 */
public final class ComparisonReport {
    public static final double STAGE1_SHARE = 0.95;
    /** Qualities that are not rare: everything else present in the test set counts as rare. */
    public static final Set<String> COMMON_QUALITIES = io.chordflow.tracking.registry.Promotion.COMMON_QUALITIES;

    private final Map<String, EvaluationReport> models;
    private final String qualityMetric;

    /** {@code models}: display name -> evaluation report, in display order. */
    public ComparisonReport(Map<String, EvaluationReport> models, String qualityMetric) {
        if (models.isEmpty()) {
            throw new InputException("no models to compare");
        }
        models.forEach((name, doc) -> {
            for (ChordMetric m : ChordMetric.PAPER) {
                if (!doc.total().containsKey(m.key())) {
                    throw new InputException("metrics of '" + name + "': field total." + m.key() + " missing or not a number");
                }
            }
        });
        if (ChordEvaluator.KEYS.indexOf(qualityMetric) < 0) {
            throw new InputException("quality metric '" + qualityMetric + "' is not one of " + ChordEvaluator.KEYS);
        }
        this.models = new LinkedHashMap<>(models);
        this.qualityMetric = qualityMetric;
    }

    public List<String> modelNames() {
        return List.copyOf(models.keySet());
    }

    public double score(String model, ChordMetric metric) {
        return models.get(model).total().get(metric.key());
    }

    /** Mean of the seven paper metrics. */
    public double mean(String model) {
        return ChordMetric.PAPER.stream().mapToDouble(m -> score(model, m)).average().orElseThrow();
    }

    public String qualityMetric() {
        return qualityMetric;
    }

    /** Qualities present in any model's report, in the evaluator's order. */
    public List<String> qualities() {
        return ChordEvaluator.QUALITIES.stream()
                .filter(q -> models.values().stream().anyMatch(d -> d.perQuality().containsKey(q))).toList();
    }

    /** Accuracy of {@code model} on reference quality {@code q} (NaN when not counted). */
    public double qualityAccuracy(String model, String q) {
        return models.get(model).qualityAccuracy(q, qualityMetric);
    }

    /** Duration-weighted accuracy over the rare qualities (all but maj, min, N). */
    public double rareAccuracy(String model) {
        double num = 0;
        double den = 0;
        for (String q : qualities()) {
            if (COMMON_QUALITIES.contains(q)) {
                continue;
            }
            double acc = qualityAccuracy(model, q);
            if (!Double.isNaN(acc)) { // counted, so the model has the quality's row
                double dur = models.get(model).perQuality().get(q).duration();
                num += acc * dur;
                den += dur;
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** One of paper 1's claims, checked on these numbers, with what the paper reports beside it. */
    public record Claim(String statement, boolean holds, String numbers) {
    }

    /** A learned model must beat the no-learning template baseline on every metric by this much (stage 2). */
    public static final double OVER_TEMPLATE = 0.05;

    /**
     * The claims that apply to the models present (teacher, baseline, stage1, stage2, and the
     * chroma-template baseline, by name): paper 1's, with its figures beside ours, and the floor a
     * learned model must clear over a method that learns nothing.
     */
    public List<Claim> claims(PaperFigures paper, String teacher, String baseline, String stage1, String stage2, String template) {
        java.util.ArrayList<Claim> out = new java.util.ArrayList<>();
        String arch = paper.arch().toUpperCase(Locale.ROOT);
        if (models.containsKey(teacher) && models.containsKey(stage1)) {
            double share = mean(stage1) / mean(teacher);
            out.add(new Claim(fmt("stage-1 student reaches >= 95%% of the teacher's mean (paper: %s %s)", paper.stage1Paper(), arch),
                    share >= STAGE1_SHARE, fmt("%.4f / %.4f = %.1f%%", mean(stage1), mean(teacher), 100 * share)));
        }
        if (models.containsKey(teacher) && models.containsKey(stage2)) {
            String statement = paper.overTeacher() >= 0
                    ? fmt("stage-2 student beats the teacher's mean by >= %.3f", paper.overTeacher())
                    : fmt("stage-2 student reaches the teacher's mean within %.3f", -paper.overTeacher());
            out.add(new Claim(fmt("%s (paper: %s %s)", statement, paper.teacherPaper(), arch),
                    mean(stage2) >= mean(teacher) + paper.overTeacher(),
                    fmt("%.4f vs %.4f (%+.4f)", mean(stage2), mean(teacher), mean(stage2) - mean(teacher))));
        }
        if (models.containsKey(baseline) && models.containsKey(stage2)) {
            out.add(new Claim(fmt("stage-2 student beats the supervised baseline's mean by >= %.3f (paper: %s %s)",
                    paper.overBaseline(), paper.baselinePaper(), arch), mean(stage2) >= mean(baseline) + paper.overBaseline(),
                    fmt("%.4f vs %.4f (%+.4f)", mean(stage2), mean(baseline), mean(stage2) - mean(baseline))));
        }
        if (models.containsKey(stage2) && (models.containsKey(baseline) || models.containsKey(teacher))) {
            double r2 = rareAccuracy(stage2);
            List<String> others = java.util.stream.Stream.of(teacher, baseline).filter(models::containsKey).toList();
            boolean holds = !Double.isNaN(r2) && others.stream().allMatch(o -> !Double.isNaN(rareAccuracy(o)) && r2 > rareAccuracy(o));
            StringBuilder nums = new StringBuilder(fmt("stage2 %.4f", r2));
            others.forEach(o -> nums.append(fmt(", %s %.4f", o, rareAccuracy(o))));
            out.add(new Claim("stage-2 student beats the " + String.join(" and the ", others) + " on rare qualities ("
                    + qualityMetric + "; paper: the largest gains are there)", holds, nums.toString()));
        }
        if (models.containsKey(template)) {
            for (String m : List.of(teacher, stage1)) {
                if (models.containsKey(m)) {
                    out.add(beats(m, template, 0));
                }
            }
            if (models.containsKey(stage2)) {
                out.add(beats(stage2, template, OVER_TEMPLATE));
            }
        }
        return out;
    }

    /** {@code model} >= {@code other} + margin on every one of the seven metrics; numbers: the smallest gap. */
    private Claim beats(String model, String other, double margin) {
        ChordMetric worst = null;
        for (ChordMetric m : ChordMetric.PAPER) {
            if (worst == null || score(model, m) - score(other, m) < score(model, worst) - score(other, worst)) {
                worst = m;
            }
        }
        double gap = score(model, worst) - score(other, worst);
        return new Claim(fmt("%s beats the %s baseline on every metric by >= %.2f", model, other, margin), gap >= margin,
                fmt("smallest gap %+.4f (%s: %.4f vs %.4f)", gap, worst.key(), score(model, worst), score(other, worst)));
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }

    /** The comparison as a plain-text table (also Markdown-readable); columns widen to the longest model name. */
    public String table() {
        int nameWidth = models.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        String first = "%-" + Math.max(12, nameWidth) + "s";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, first, "model"));
        ChordMetric.PAPER.forEach(m -> sb.append(String.format(Locale.ROOT, "%10s", m.key())));
        sb.append(String.format(Locale.ROOT, "%10s%10s%n", "mean", "rare"));
        for (String model : models.keySet()) {
            sb.append(String.format(Locale.ROOT, first, model));
            ChordMetric.PAPER.forEach(m -> sb.append(String.format(Locale.ROOT, "%10.4f", score(model, m))));
            sb.append(String.format(Locale.ROOT, "%10.4f%10s%n", mean(model), num(rareAccuracy(model))));
        }
        sb.append(String.format(Locale.ROOT, "%nper reference quality (%s accuracy)%n%-12s", qualityMetric, "quality"));
        models.keySet().forEach(m -> sb.append(String.format(Locale.ROOT, column(m), m)));
        sb.append('\n');
        for (String q : qualities()) {
            sb.append(String.format(Locale.ROOT, "%-12s", q));
            models.keySet().forEach(m -> sb.append(String.format(Locale.ROOT, column(m), num(qualityAccuracy(m, q)))));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A per-quality column: at least 12 wide, and two more than its model's name. */
    private static String column(String model) {
        return "%" + Math.max(12, model.length() + 2) + "s";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The comparison as a JSON-ready map: per model the seven metrics, mean and rare accuracy. */
    public Map<String, Object> toMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> ms = new LinkedHashMap<>();
        for (String model : models.keySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            ChordMetric.PAPER.forEach(m -> row.put(m.key(), score(model, m)));
            row.put("mean", mean(model));
            double rare = rareAccuracy(model);
            row.put("rare_" + qualityMetric, Double.isNaN(rare) ? null : rare);
            Map<String, Object> pq = new LinkedHashMap<>();
            for (String q : qualities()) {
                double a = qualityAccuracy(model, q);
                pq.put(q, Double.isNaN(a) ? null : a);
            }
            row.put("per_quality_" + qualityMetric, pq);
            ms.put(model, row);
        }
        doc.put("models", ms);
        return doc;
    }
}
