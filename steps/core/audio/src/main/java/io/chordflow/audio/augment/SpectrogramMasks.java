package io.chordflow.audio.augment;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A3 frequency masks and A4 time masks (SpecAugment-style, as torchaudio's FrequencyMasking and
 * TimeMasking): each of {@code count} masks has a width drawn uniformly from
 * [0, maxFraction * size] and a uniform start, and sets that band to {@code fill}. Labels are
 * untouched: masking hides evidence, it does not change the chord. Arrays are changed in place.
 */
public final class SpectrogramMasks {
    private SpectrogramMasks() {
    }

    /** A band of {@code [start, start + width)} that a mask covered. */
    public record Band(int start, int width) {
    }

    /** Masks bands of bins across all frames; returns the bands for logging and tests. */
    public static Band[] maskFrequencies(float[][] features, int count, double maxFraction, float fill, SplittableRandom rng) {
        int bins = features.length == 0 ? 0 : features[0].length;
        Band[] bands = draw(bins, count, maxFraction, rng);
        for (float[] row : features) {
            for (Band b : bands) {
                Arrays.fill(row, b.start(), b.start() + b.width(), fill);
            }
        }
        return bands;
    }

    /** Masks runs of whole frames. */
    public static Band[] maskTimes(float[][] features, int count, double maxFraction, float fill, SplittableRandom rng) {
        Band[] bands = draw(features.length, count, maxFraction, rng);
        for (Band b : bands) {
            for (int t = b.start(); t < b.start() + b.width(); t++) {
                Arrays.fill(features[t], fill);
            }
        }
        return bands;
    }

    private static Band[] draw(int size, int count, double maxFraction, SplittableRandom rng) {
        if (maxFraction < 0 || maxFraction > 1) {
            throw new IllegalArgumentException("mask fraction " + maxFraction + " must be within [0, 1]");
        }
        Band[] bands = new Band[count];
        int maxWidth = (int) Math.floor(maxFraction * size);
        for (int i = 0; i < count; i++) {
            int width = maxWidth == 0 ? 0 : rng.nextInt(maxWidth + 1);
            int start = size - width == 0 ? 0 : rng.nextInt(size - width + 1);
            bands[i] = new Band(start, width);
        }
        return bands;
    }

    /** The mean of all values: the neutral fill for log features (0 after normalisation). */
    public static float mean(float[][] features) {
        double sum = 0;
        long n = 0;
        for (float[] row : features) {
            for (float v : row) {
                sum += v;
            }
            n += row.length;
        }
        return n == 0 ? 0f : (float) (sum / n);
    }
}
