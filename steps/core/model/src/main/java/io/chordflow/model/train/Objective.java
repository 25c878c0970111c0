package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;
import ai.djl.ndarray.NDArray;
import io.chordflow.model.data.Batch;
import io.chordflow.contract.KdParams;
import io.chordflow.model.loss.Losses;

/** The loss a training stage minimises, from frame logits and a batch (and the teacher's logits for KD). */
@FunctionalInterface
public interface Objective {
    NDArray loss(NDArray logits, Batch batch, NDArray teacherLogits);

    default boolean needsTeacher() {
        return false;
    }

    /** The objective named by {@code settings.loss}; {@code kd} uses {@code kd} parameters. */
    static Objective of(TrainingSettings settings, KdParams kd) {
        return of(settings, kd, null);
    }

    /**
     * The objective with a weight per ground-truth class on its hard-target term ({@code ce},
     * {@code focal}, and the supervised half of {@code kd}); null weights are none.
     */
    static Objective of(TrainingSettings settings, KdParams kd, float[] classWeights) {
        return switch (settings.loss()) {
            case "ce" -> classWeights == null ? (z, b, t) -> Losses.crossEntropy(z, b.hard(), b.mask())
                    : (z, b, t) -> Losses.focal(z, b.hard(), b.mask(), 0, classWeights);
            case "focal" -> (z, b, t) -> Losses.focal(z, b.hard(), b.mask(), settings.focalGamma(), classWeights);
            case "soft_ce" -> (z, b, t) -> {
                if (b.soft() == null) {
                    throw new IllegalStateException("loss soft_ce needs soft targets (--target-kind soft)");
                }
                return Losses.softCrossEntropy(z, b.soft(), b.mask());
            };
            case "kd" -> new Objective() {
                @Override
                public NDArray loss(NDArray z, Batch b, NDArray t) {
                    return Losses.kdObjective(z, t, b.hard(), b.mask(), kd, classWeights);
                }

                @Override
                public boolean needsTeacher() {
                    return true;
                }
            };
            default -> throw new IllegalArgumentException("unknown loss " + settings.loss());
        };
    }
}
