package io.chordflow.contract;

/**
 * Selective-KD settings (the {@code kd:} block; paper 1 defaults): temperature 3, alpha 0.3 (the
 * share of the KD term), a confidence band [{@code low_confidence}, {@code high_confidence}] =
 * [0.1, 0.9] outside which the teacher is ignored below and trusted less above, the weight
 * falling to {@code min_weight} 0.2 at full confidence, focal gamma 2 for the ground-truth term.
 */
public record KdParams(Double temperature, Double alpha, Double lowConfidence, Double highConfidence, Double minWeight,
                       Double focalGamma) {
    public KdParams {
        temperature = temperature == null ? 3.0 : temperature;
        alpha = alpha == null ? 0.3 : alpha;
        lowConfidence = lowConfidence == null ? 0.1 : lowConfidence;
        highConfidence = highConfidence == null ? 0.9 : highConfidence;
        minWeight = minWeight == null ? 0.2 : minWeight;
        focalGamma = focalGamma == null ? 2.0 : focalGamma;
        FieldError.check(temperature > 0, "temperature", temperature + ": expected > 0");
        FieldError.check(alpha >= 0 && alpha <= 1, "alpha", alpha + ": expected 0 <= alpha <= 1");
        FieldError.check(lowConfidence >= 0 && lowConfidence < highConfidence && highConfidence < 1, "low_confidence",
                lowConfidence + "/" + highConfidence + ": expected 0 <= low_confidence < high_confidence < 1");
        FieldError.check(minWeight >= 0 && minWeight <= 1, "min_weight", minWeight + ": expected 0 <= x <= 1");
        FieldError.check(focalGamma >= 0, "focal_gamma", focalGamma + ": expected >= 0");
    }

    public static KdParams defaults() {
        return new KdParams(null, null, null, null, null, null);
    }
}
