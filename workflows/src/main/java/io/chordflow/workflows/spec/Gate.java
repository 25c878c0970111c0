package io.chordflow.workflows.spec;

import io.chordflow.contract.FieldError;

/**
 * The gate of each round: the student is promoted when its {@code metric} (a field of the
 * evaluation's {@code total}: {@code majmin} for chords, {@code weighted_score} for keys) on
 * the valid split beats the teacher's by more than {@code min_delta} (default 0).
 */
public record Gate(String metric, Double minDelta) {
    public Gate {
        minDelta = minDelta == null ? 0.0 : minDelta;
        FieldError.check(minDelta >= 0, "min_delta", "expected a number >= 0");
        FieldError.check(metric == null || metric.matches("[A-Za-z0-9_]+"), "metric", "'" + metric + "': expected a metric name such as majmin");
    }

    static String defaultMetric(String task) {
        return "key".equals(task) ? "weighted_score" : "majmin";
    }
}
