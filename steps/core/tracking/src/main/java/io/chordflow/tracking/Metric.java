package io.chordflow.tracking;

/** One metric value as MLflow stores it: key, value, wall-clock time in ms, and training step. */
public record Metric(String key, double value, long timestamp, long step) {
    public Metric {
        Names.check("metric", key);
    }

    public static Metric now(String key, double value, long step) {
        return new Metric(key, value, System.currentTimeMillis(), step);
    }
}
