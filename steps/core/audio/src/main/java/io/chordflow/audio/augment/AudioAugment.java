package io.chordflow.audio.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A2: audio transforms, each applied independently with probability {@code probability}, in a
 * fixed order: white noise, random gain, a high- or low-pass filter, polarity inversion. The
 * defaults follow torchaudio-augmentations, which paper 2 used. Note on noise: the paper quotes
 * "SNR between 0.3 and 0.5 dB", but those numbers are torchaudio-augmentations' {@code Noise}
 * parameters, the ratio of noise to signal standard deviation (an SNR of about 6 to 10 dB); that
 * is what {@code noiseMin}/{@code noiseMax} mean here.
 *
 * @param probability   chance that each transform is applied
 * @param noiseMin      noise std / signal std, lower bound
 * @param noiseMax      noise std / signal std, upper bound
 * @param gainMinDb     gain range in dB
 * @param gainMaxDb     gain range in dB
 * @param highpassMinHz high-pass cutoff range (the filter is a high-pass or low-pass, 50/50)
 * @param highpassMaxHz high-pass cutoff range
 * @param lowpassMinHz  low-pass cutoff range
 * @param lowpassMaxHz  low-pass cutoff range
 */
public record AudioAugment(double probability, double noiseMin, double noiseMax, double gainMinDb, double gainMaxDb,
                           double highpassMinHz, double highpassMaxHz, double lowpassMinHz, double lowpassMaxHz) {

    public static AudioAugment defaults(double probability) {
        return new AudioAugment(probability, 0.3, 0.5, -20, -1, 200, 1200, 2200, 4000);
    }

    public AudioAugment {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability " + probability + " must be within [0, 1]");
        }
        if (noiseMin > noiseMax || gainMinDb > gainMaxDb || highpassMinHz > highpassMaxHz || lowpassMinHz > lowpassMaxHz) {
            throw new IllegalArgumentException("every range must have min <= max");
        }
    }

    /** Returns an augmented copy and the names of the transforms applied (for provenance). */
    public Result apply(float[] samples, int sampleRate, SplittableRandom rng) {
        float[] x = samples.clone();
        List<String> applied = new ArrayList<>();
        if (rng.nextDouble() < probability) {
            addNoise(x, uniform(rng, noiseMin, noiseMax), rng);
            applied.add("noise");
        }
        if (rng.nextDouble() < probability) {
            gain(x, uniform(rng, gainMinDb, gainMaxDb));
            applied.add("gain");
        }
        if (rng.nextDouble() < probability) {
            if (rng.nextBoolean()) {
                Biquad.highPass(uniform(rng, highpassMinHz, highpassMaxHz), sampleRate).filter(x);
                applied.add("highpass");
            } else {
                Biquad.lowPass(uniform(rng, lowpassMinHz, lowpassMaxHz), sampleRate).filter(x);
                applied.add("lowpass");
            }
        }
        if (rng.nextDouble() < probability) {
            invertPolarity(x);
            applied.add("polarity");
        }
        return new Result(x, List.copyOf(applied));
    }

    public record Result(float[] samples, List<String> applied) {
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
    }

    /** Gaussian white noise with std = {@code ratio} * the signal's std. */
    static void addNoise(float[] x, double ratio, SplittableRandom rng) {
        double std = ratio * std(x);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (std * gaussian(rng));
        }
    }

    static void gain(float[] x, double db) {
        float g = (float) Math.pow(10, db / 20);
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
        }
    }

    static void invertPolarity(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = -x[i];
        }
    }

    static double std(float[] x) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= Math.max(1, x.length);
        double var = 0;
        for (float v : x) {
            var += (v - mean) * (v - mean);
        }
        return Math.sqrt(var / Math.max(1, x.length));
    }

    // Box-Muller on the seeded stream (SplittableRandom has no nextGaussian in Java 17)
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
