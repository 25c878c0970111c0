package io.chordflow.tracking.registry;

import io.chordflow.common.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one promotion rule (the promote command, the register step's champion alias and the
 * noisy-student gates all decide with it), kept pure: two score tables measured on the same
 * evaluation suite in, a {@link Verdict} out. With candidate scores {@code c} and champion
 * scores {@code h} the candidate is promoted iff
 * <ul>
 *   <li>{@code score(c) > score(h) + minGain}, the score being {@value #PAPER_MEAN} (the mean of
 *       the seven metrics papers report: mir_eval root, thirds, triads, sevenths, tetrads,
 *       majmin, mirex) or one metric of the totals;</li>
 *   <li>{@code h[m] - c[m] <= maxDrop} for every compared metric {@code m} (the seven when both
 *       have them, else every total both have);</li>
 *   <li>{@code h[q] - c[q] <= maxRareDrop} for every rare reference quality {@code q} (all but
 *       {@link #COMMON_QUALITIES}) that both tables score.</li>
 * </ul>
 * Whether the two tables come from the same suite is the caller's check (see {@code Promoter}):
 * this function only ever sees like with like.
 */
public final class Promotion {
    public static final String PAPER_MEAN = "paper_mean";
    public static final List<String> PAPER_METRICS = List.of("root", "thirds", "triads", "sevenths", "tetrads",
            "majmin", "mirex");
    /** Reference qualities that are not rare: everything else present in a suite counts as rare. */
    public static final Set<String> COMMON_QUALITIES = Set.of("maj", "min", "N");

    /**
     * The thresholds. {@code minGain}: the score must rise by more than this; {@code maxDrop},
     * {@code maxRareDrop}: the largest fall allowed on any one metric / rare quality
     * ({@code +Infinity}: not checked).
     */
    public record Rule(String metric, double minGain, double maxDrop, double maxRareDrop) {
        public static final Rule DEFAULT = new Rule(PAPER_MEAN, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

        public Rule {
            if (metric == null || metric.isBlank()) {
                throw new InputException("promotion rule: empty metric");
            }
            for (double d : new double[] {minGain, maxDrop, maxRareDrop}) {
                if (Double.isNaN(d)) {
                    throw new InputException("promotion rule: thresholds must be numbers");
                }
            }
            if (maxDrop < 0 || maxRareDrop < 0) {
                throw new InputException("promotion rule: --max-drop and --max-rare-drop must be >= 0");
            }
        }
    }

    /** The decision: the two scores and every check that failed (empty when promoted). */
    public record Verdict(boolean promote, String metric, double candidateScore, double championScore, List<String> failures) {
        public Verdict {
            failures = List.copyOf(failures);
        }

        public String summary() {
            return String.format(Locale.ROOT, "%s %.4f vs %.4f (%+.4f): %s", metric, candidateScore, championScore,
                    candidateScore - championScore, promote ? "promoted" : "refused, " + String.join("; ", failures));
        }
    }

    private Promotion() {
    }

    /** {@code metric}'s value in {@code totals} ({@value #PAPER_MEAN}: the mean of the seven); fails naming what is missing. */
    public static double score(Map<String, Double> totals, String metric, String who) {
        if (PAPER_MEAN.equals(metric)) {
            double sum = 0;
            for (String m : PAPER_METRICS) {
                sum += value(totals, m, who);
            }
            return sum / PAPER_METRICS.size();
        }
        return value(totals, metric, who);
    }

    private static double value(Map<String, Double> totals, String metric, String who) {
        Double v = totals.get(metric);
        if (v == null) {
            throw new InputException(who + ": no score for metric " + metric + " (has " + totals.keySet() + ")");
        }
        return v;
    }

    /** The metrics {@code maxDrop} applies to: the seven when both tables have them, else every total both have. */
    public static List<String> comparedMetrics(Map<String, Double> a, Map<String, Double> b) {
        if (a.keySet().containsAll(PAPER_METRICS) && b.keySet().containsAll(PAPER_METRICS)) {
            return PAPER_METRICS;
        }
        return a.keySet().stream().filter(b::containsKey).sorted().toList();
    }

    /** Rare qualities scored in both tables, sorted. */
    public static List<String> rareQualities(Map<String, Double> a, Map<String, Double> b) {
        return a.keySet().stream().filter(b::containsKey).filter(q -> !COMMON_QUALITIES.contains(q))
                .filter(q -> !a.get(q).isNaN() && !b.get(q).isNaN()).sorted().toList();
    }

    public static Verdict decide(Map<String, Double> candidate, Map<String, Double> candidateQualities,
                                 Map<String, Double> champion, Map<String, Double> championQualities, Rule rule) {
        double c = score(candidate, rule.metric(), "candidate");
        double h = score(champion, rule.metric(), "champion");
        List<String> failures = new ArrayList<>();
        if (!(c > h + rule.minGain())) {
            failures.add(rule.minGain() == 0 ? "not better"
                    : String.format(Locale.ROOT, "gain %+.4f is not above --min-gain %.4f", c - h, rule.minGain()));
        }
        for (String m : comparedMetrics(candidate, champion)) {
            double drop = champion.get(m) - candidate.get(m);
            if (drop > rule.maxDrop()) {
                failures.add(String.format(Locale.ROOT, "%s drops by %.4f (--max-drop %.4f)", m, drop, rule.maxDrop()));
            }
        }
        for (String q : rareQualities(candidateQualities, championQualities)) {
            double drop = championQualities.get(q) - candidateQualities.get(q);
            if (drop > rule.maxRareDrop()) {
                failures.add(String.format(Locale.ROOT, "rare quality %s drops by %.4f (--max-rare-drop %.4f)", q, drop,
                        rule.maxRareDrop()));
            }
        }
        return new Verdict(failures.isEmpty(), rule.metric(), c, h, failures);
    }
}
