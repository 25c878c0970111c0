package io.chordflow.model.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What one epoch did. Accuracies are frame accuracies in [0, 1]; {@code valMajmin} is the
 * validation frame accuracy after reducing both sides to the 25 majmin classes (frames whose
 * reference is not a maj/min/N chord are not counted), NaN when the vocabulary has no reduction.
 * {@code skippedSteps}: updates skipped so far in the run because the loss or a gradient was not
 * finite (a run that skips one is not the run its seed promises: the soak benchmark fails on it).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EpochMetrics(int epoch, long step, double lr, double trainLoss, double trainAccuracy,
                           double valLoss, double valAccuracy, double valMajmin, double seconds, long skippedSteps) {

    /** The metrics by name for a tracker (NaN ones left out: "not measured", e.g. no validation set). */
    public java.util.Map<String, Double> asMap() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("lr", lr);
        m.put("train_loss", trainLoss);
        m.put("train_accuracy", trainAccuracy);
        m.put("val_loss", valLoss);
        m.put("val_accuracy", valAccuracy);
        m.put("val_majmin", valMajmin);
        m.put("epoch_seconds", seconds);
        m.put("skipped_steps", (double) skippedSteps);
        m.values().removeIf(v -> Double.isNaN(v));
        return m;
    }
}
