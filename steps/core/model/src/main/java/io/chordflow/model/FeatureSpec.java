package io.chordflow.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The features a model expects (stored in {@code model.json}; the audio module's
 * {@code CqtFeatures.SPEC} has the same fields): sample rate in Hz, hop in samples, CQT bins,
 * bins per octave, lowest bin frequency in Hz, and the transform applied to the magnitudes.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeatureSpec(int sampleRate, int hop, int bins, int binsPerOctave, double fmin, String transform) {
    /** BTC's features: 22050 Hz, hop 2048, 144 bins, 24 per octave from C1, log(|C| + 1e-6). */
    public static final FeatureSpec BTC = new FeatureSpec(22050, 2048, 144, 24, 32.70319566257483, "log(|C|+1e-6)");

    /** Seconds per frame. */
    public double frameSeconds() {
        return (double) hop / sampleRate;
    }
}
