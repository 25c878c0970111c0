package io.chordflow.tracking.registry;

import io.chordflow.common.InputException;
import io.chordflow.tracking.Tags;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The promotion rule, kept pure: a candidate becomes champion only if its score beats the
 * current champion's. The default score, {@value #PAPER_MEAN}, is the mean of the seven chord
 * metrics papers report (mir_eval root, thirds, triads, sevenths, tetrads, majmin, mirex), read
 * from the version's {@code metric.*} tags; any single metric name can be configured instead.
 */
public final class Promotion {
    public static final String PAPER_MEAN = "paper_mean";
    public static final List<String> PAPER_METRICS = List.of("root", "thirds", "triads", "sevenths", "tetrads",
            "majmin", "mirex");

    public record Decision(boolean promote, double candidateScore, Double championScore, String championVersion,
            String message) {
    }

    private Promotion() {
    }

    /** The version's score on {@code metric}; fails naming the missing tag. */
    public static double score(ModelVersion v, String metric) {
        if (PAPER_MEAN.equals(metric)) {
            double sum = 0;
            for (String m : PAPER_METRICS) {
                sum += metricTag(v, m);
            }
            return sum / PAPER_METRICS.size();
        }
        return metricTag(v, metric);
    }

    private static double metricTag(ModelVersion v, String metric) {
        String raw = v.tags().get(Tags.METRIC_PREFIX + metric);
        if (raw == null) {
            throw new InputException("model " + v.name() + " version " + v.version() + ": no tag "
                    + Tags.METRIC_PREFIX + metric + " (register it with its evaluation metrics)");
        }
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new InputException("model " + v.name() + " version " + v.version() + ": tag "
                    + Tags.METRIC_PREFIX + metric + " = '" + raw + "' is not a number");
        }
    }

    public static Decision decide(ModelVersion candidate, Optional<ModelVersion> champion, String metric) {
        double c = score(candidate, metric);
        if (champion.isEmpty()) {
            return new Decision(true, c, null, null, String.format(Locale.ROOT,
                    "version %s (%s %.4f) becomes the first champion", candidate.version(), metric, c));
        }
        ModelVersion ch = champion.get();
        double s = score(ch, metric);
        if (ch.version().equals(candidate.version())) {
            return new Decision(false, c, s, ch.version(), "version " + candidate.version() + " is already the champion");
        }
        boolean beats = c > s;
        return new Decision(beats, c, s, ch.version(), String.format(Locale.ROOT,
                "version %s scores %.4f on %s, champion version %s scores %.4f: %s", candidate.version(), c, metric,
                ch.version(), s, beats ? "promoted" : "not better, refused"));
    }
}
