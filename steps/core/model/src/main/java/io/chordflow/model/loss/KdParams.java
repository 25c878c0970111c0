package io.chordflow.model.loss;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chordflow.common.InputException;

/**
 * Selective-KD settings (the {@code kd:} block; paper 1 defaults): temperature 3, alpha 0.3,
 * confidence band [0.1, 0.9] with weight falling to 0.2 at full confidence, focal gamma 2 for the
 * ground-truth term.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record KdParams(Double temperature, Double alpha, Double low, Double high, Double floor, Double focalGamma) {
    public KdParams {
        temperature = temperature == null ? 3.0 : temperature;
        alpha = alpha == null ? 0.3 : alpha;
        low = low == null ? 0.1 : low;
        high = high == null ? 0.9 : high;
        floor = floor == null ? 0.2 : floor;
        focalGamma = focalGamma == null ? 2.0 : focalGamma;
        if (temperature <= 0) {
            throw new InputException("kd: field temperature: expected > 0, got " + temperature);
        }
        if (alpha < 0 || alpha > 1) {
            throw new InputException("kd: field alpha: expected 0..1, got " + alpha);
        }
        if (!(low < high && high < 1)) {
            throw new InputException("kd: fields low/high: expected low < high < 1, got " + low + "/" + high);
        }
    }

    public static KdParams defaults() {
        return new KdParams(null, null, null, null, null, null);
    }
}
