package io.chordflow.model.loss;

import io.chordflow.contract.KdParams;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.chordflow.model.nn.Scalars;

/**
 * The training objectives over frame logits {@code z [B,T,C]}, with a frame mask
 * {@code m [B,T]} (1 for real frames, 0 for window padding). Every loss is a mean over real
 * frames: {@code sum(l * m) / sum(m)}. Hard targets are class indices {@code [B,T]}; soft
 * targets are probabilities {@code [B,T,C]}.
 */
public final class Losses {
    private Losses() {
    }

    /** {@code CE = -log softmax(z)[y]}. */
    public static NDArray crossEntropy(NDArray logits, NDArray targets, NDArray mask) {
        return masked(frameCrossEntropy(logits, targets), mask);
    }

    /** Focal loss (Lin et al. 2017): {@code (1 - p_y)^gamma * CE}; gamma 0 is cross-entropy. */
    public static NDArray focal(NDArray logits, NDArray targets, NDArray mask, double gamma) {
        return focal(logits, targets, mask, gamma, null);
    }

    /**
     * Focal loss with a weight per target class: {@code w[y] (1 - p_y)^gamma CE}, still divided by
     * the number of real frames ({@link ClassWeights} keeps the mean weight at 1). Null weights: 1.
     */
    public static NDArray focal(NDArray logits, NDArray targets, NDArray mask, double gamma, float[] classWeights) {
        NDArray ce = frameCrossEntropy(logits, targets);
        NDArray pt = ce.neg().exp();
        NDArray perFrame = pt.neg().add(1f).pow(Scalars.of(ce, (float) gamma)).mul(ce);
        return masked(classWeights == null ? perFrame : perFrame.mul(frameWeights(targets, classWeights)), mask);
    }

    /** {@code w[y]} for every frame's target class {@code y}: {@code [B,T]}. */
    static NDArray frameWeights(NDArray targets, float[] classWeights) {
        NDArray w = targets.getManager().create(classWeights);
        return targets.oneHot(classWeights.length, DataType.FLOAT32).mul(w).sum(new int[] {-1});
    }

    /** Cross-entropy against a distribution {@code q}: {@code -sum_k q_k log softmax(z)_k}. */
    public static NDArray softCrossEntropy(NDArray logits, NDArray probs, NDArray mask) {
        return masked(probs.mul(logits.logSoftmax(-1)).sum(new int[] {-1}).neg(), mask);
    }

    /**
     * Selective KD of paper 1: with {@code p_t = softmax(z_t / T)}, {@code log q_s =
     * log_softmax(z_s / T)} and confidence {@code c = max_k p_t[k]}, the frame weight is 0 for
     * {@code c < low_confidence}, {@code 1 - (1 - min_weight) (c - high_confidence) / (1 - high_confidence)} for {@code c > high_confidence}
     * (reaching {@code min_weight} at c = 1) and 1 otherwise, clamped to [0, 1];
     * {@code L_KD = mean_frames(w * KL(p_t || q_s)) * T^2}. The teacher logits carry no gradient.
     */
    public static NDArray selectiveKd(NDArray student, NDArray teacher, NDArray mask, KdParams kd) {
        double t = kd.temperature();
        NDArray logPt = teacher.div(Scalars.of(teacher, (float) t)).logSoftmax(-1);
        NDArray pt = logPt.exp();
        NDArray logQs = student.div(Scalars.of(student, (float) t)).logSoftmax(-1);
        NDArray kl = pt.mul(logPt.sub(logQs)).sum(new int[] {-1});
        NDArray distil = masked(kl.mul(confidenceWeight(pt.max(new int[] {-1}), kd)), mask);
        return distil.mul(Scalars.of(distil, (float) (t * t)));
    }

    /** {@code alpha * L_KD + (1 - alpha) * L_focal(ground truth)}. */
    public static NDArray kdObjective(NDArray student, NDArray teacher, NDArray targets, NDArray mask, KdParams kd) {
        return kdObjective(student, teacher, targets, mask, kd, null);
    }

    /** {@link #kdObjective} with class weights on the ground-truth term (null: none). */
    public static NDArray kdObjective(NDArray student, NDArray teacher, NDArray targets, NDArray mask, KdParams kd,
                                      float[] classWeights) {
        NDArray distil = selectiveKd(student, teacher, mask, kd);
        NDArray supervised = focal(student, targets, mask, kd.focalGamma(), classWeights);
        return distil.mul(Scalars.of(distil, kd.alpha().floatValue()))
                .add(supervised.mul(Scalars.of(supervised, (float) (1 - kd.alpha()))));
    }

    /** The per-frame weight of {@link #selectiveKd} for confidences {@code c}. */
    public static NDArray confidenceWeight(NDArray c, KdParams kd) {
        double slope = (1 - kd.minWeight()) / (1 - kd.highConfidence());
        NDArray above = c.sub(kd.highConfidence().floatValue()).maximum(0f);
        NDArray keep = c.gte(kd.lowConfidence().floatValue()).toType(DataType.FLOAT32, false);
        return above.mul((float) -slope).add(1f).clip(0f, 1f).mul(keep);
    }

    private static NDArray frameCrossEntropy(NDArray logits, NDArray targets) {
        int classes = (int) logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray oneHot = targets.oneHot(classes, DataType.FLOAT32);
        return oneHot.mul(logits.logSoftmax(-1)).sum(new int[] {-1}).neg();
    }

    private static NDArray masked(NDArray perFrame, NDArray mask) {
        return perFrame.mul(mask).sum().div(mask.sum().maximum(1e-12f));
    }
}
