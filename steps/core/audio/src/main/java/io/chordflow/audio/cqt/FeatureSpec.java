package io.chordflow.audio.cqt;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a feature file holds, recorded with every model so features and model cannot drift apart.
 *
 * @param sampleRate    Hz the audio is resampled to
 * @param hop           samples between frames; frame t is centred at t*hop/sampleRate seconds
 * @param bins          constant-Q bins per frame
 * @param binsPerOctave bins per octave
 * @param fmin          centre frequency of bin 0, Hz
 * @param transform     how the magnitude becomes the feature
 */
public record FeatureSpec(
        @JsonProperty("sample_rate") int sampleRate,
        @JsonProperty("hop") int hop,
        @JsonProperty("bins") int bins,
        @JsonProperty("bins_per_octave") int binsPerOctave,
        @JsonProperty("fmin") double fmin,
        @JsonProperty("transform") String transform) {
    public FeatureSpec {
        if (sampleRate <= 0 || hop <= 0 || bins <= 0 || binsPerOctave <= 0 || !(fmin > 0)) {
            throw new IllegalArgumentException("feature spec values must be positive: " + sampleRate + ", " + hop
                    + ", " + bins + ", " + binsPerOctave + ", " + fmin);
        }
    }

    /** Frame duration in seconds (2048/22050 = 92.88 ms for BTC). */
    public double frameSeconds() {
        return (double) hop / sampleRate;
    }

    /**
     * Frames for {@code samples} samples: {@code 1 + floor(samples/hop)}, librosa's count with
     * {@code center=True}. This equals {@code ceil(samples/hop)} except when {@code samples} is an exact
     * multiple of the hop, where librosa (and so BTC's training data) has one frame more: the last frame
     * is centred on the end of the audio.
     */
    public int frames(long samples) {
        return (int) (1 + samples / hop);
    }
}
