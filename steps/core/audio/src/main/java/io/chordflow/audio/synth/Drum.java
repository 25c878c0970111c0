package io.chordflow.audio.synth;

import java.util.SplittableRandom;

/** Synthetic drum sounds, rendered once (fixed noise seed) and mixed as samples. */
public enum Drum {
    KICK, SNARE, HAT;

    float[] render(int sr) {
        SplittableRandom r = new SplittableRandom(ordinal() + 17);
        int n = (int) (sr * (this == HAT ? 0.06 : this == SNARE ? 0.2 : 0.35));
        float[] y = new float[n];
        double phase = 0;
        double prev = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / sr;
            double v;
            switch (this) {
                case KICK -> {
                    double f = 45 + 90 * StrictMath.exp(-t / 0.04);
                    phase += 2 * Math.PI * f / sr;
                    v = StrictMath.sin(phase) * StrictMath.exp(-t / 0.09);
                }
                case SNARE -> {
                    double noise = r.nextDouble() * 2 - 1;
                    v = 0.7 * noise * StrictMath.exp(-t / 0.05) + 0.5 * StrictMath.sin(2 * Math.PI * 185 * t) * StrictMath.exp(-t / 0.03);
                }
                default -> {
                    double noise = r.nextDouble() * 2 - 1;
                    v = (noise - prev) * 0.5 * StrictMath.exp(-t / 0.015); // first difference: a crude high-pass
                    prev = noise;
                }
            }
            y[i] = (float) v;
        }
        return y;
    }
}
