package io.chordflow.audio.synth;

import java.util.SplittableRandom;

/**
 * Drum pieces: their General MIDI key (channel 10) and a synthetic sound for the additive source,
 * rendered once (fixed noise seed) and mixed as samples.
 */
public enum Drum {
    KICK(36), SNARE(38), HAT(42), OPEN_HAT(46), RIDE(51), CRASH(49), TOM(45), STICK(37);

    /** GM percussion key. */
    final int gmKey;

    Drum(int gmKey) {
        this.gmKey = gmKey;
    }

    float[] render(int sr) {
        SplittableRandom r = new SplittableRandom(ordinal() + 17);
        double seconds = switch (this) {
            case HAT, STICK -> 0.06;
            case SNARE -> 0.2;
            case KICK, TOM -> 0.35;
            case OPEN_HAT -> 0.3;
            case RIDE -> 0.6;
            case CRASH -> 1.2;
        };
        int n = (int) (sr * seconds);
        float[] y = new float[n];
        double phase = 0;
        double prev = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / sr;
            double v;
            switch (this) {
                case KICK, TOM -> {
                    double f = this == KICK ? 45 + 90 * StrictMath.exp(-t / 0.04) : 110 + 60 * StrictMath.exp(-t / 0.03);
                    phase += 2 * Math.PI * f / sr;
                    v = StrictMath.sin(phase) * StrictMath.exp(-t / (this == KICK ? 0.09 : 0.15));
                }
                case SNARE -> {
                    double noise = r.nextDouble() * 2 - 1;
                    v = 0.7 * noise * StrictMath.exp(-t / 0.05) + 0.5 * StrictMath.sin(2 * Math.PI * 185 * t) * StrictMath.exp(-t / 0.03);
                }
                case STICK -> {
                    v = StrictMath.sin(2 * Math.PI * 1800 * t) * StrictMath.exp(-t / 0.008);
                }
                default -> {
                    double noise = r.nextDouble() * 2 - 1;
                    double tau = switch (this) {
                        case HAT -> 0.015;
                        case OPEN_HAT -> 0.09;
                        case RIDE -> 0.25;
                        default -> 0.4;
                    };
                    // first difference: a crude high-pass; the ride adds a bell partial
                    v = (noise - prev) * 0.5 * StrictMath.exp(-t / tau)
                            + (this == RIDE ? 0.15 * StrictMath.sin(2 * Math.PI * 3150 * t) * StrictMath.exp(-t / 0.3) : 0);
                    prev = noise;
                }
            }
            y[i] = (float) v;
        }
        return y;
    }
}
