package io.chordflow.chords.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * Seconds of one reference quality (maj, min, 7, ..., N), and per label metric the seconds
 * counted and scored correct. Mutable while a song or dataset is tallied.
 */
public final class QualityTally {
    private double duration;
    private final Map<String, double[]> byMetric = new HashMap<>(); // key -> {correct, counted}

    void add(double seconds) {
        duration += seconds;
    }

    void add(String metric, int score, double seconds) {
        if (score < 0) {
            return;
        }
        double[] cc = byMetric.computeIfAbsent(metric, k -> new double[2]);
        cc[0] += score * seconds;
        cc[1] += seconds;
    }

    void addAll(QualityTally other) {
        duration += other.duration;
        other.byMetric.forEach((k, v) -> {
            double[] cc = byMetric.computeIfAbsent(k, x -> new double[2]);
            cc[0] += v[0];
            cc[1] += v[1];
        });
    }

    public double duration() {
        return duration;
    }

    /** Duration-weighted accuracy of {@code metric} on this quality; NaN when never counted. */
    public double accuracy(String metric) {
        double[] cc = byMetric.get(metric);
        return cc == null || cc[1] == 0 ? Double.NaN : cc[0] / cc[1];
    }
}
