package io.chordflow.audio.augment;

/**
 * Second-order sections from the RBJ audio-EQ cookbook, run as direct form I: Butterworth low/high
 * passes (Q = 1/sqrt 2) for augmentation, shelves (slope 1) and peaking bells for the synthetic
 * corpus' EQ. Hand-written because no maintained Java DSP library is worth a dependency for a few filters.
 */
public final class Biquad {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    public static Biquad lowPass(double cutoffHz, int sampleRate) {
        double w = 2 * Math.PI * cutoffHz / sampleRate;
        double alpha = Math.sin(w) / (2 / Math.sqrt(2));
        double c = Math.cos(w);
        return new Biquad((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha);
    }

    public static Biquad highPass(double cutoffHz, int sampleRate) {
        double w = 2 * Math.PI * cutoffHz / sampleRate;
        double alpha = Math.sin(w) / (2 / Math.sqrt(2));
        double c = Math.cos(w);
        return new Biquad((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha);
    }

    /** Low shelf: {@code gainDb} below {@code hz}, shelf slope 1. */
    public static Biquad lowShelf(double hz, double gainDb, int sampleRate) {
        return shelf(hz, gainDb, sampleRate, true);
    }

    /** High shelf: {@code gainDb} above {@code hz}, shelf slope 1. */
    public static Biquad highShelf(double hz, double gainDb, int sampleRate) {
        return shelf(hz, gainDb, sampleRate, false);
    }

    private static Biquad shelf(double hz, double gainDb, int sampleRate, boolean low) {
        double a = Math.pow(10, gainDb / 40);
        double w = 2 * Math.PI * hz / sampleRate;
        double c = Math.cos(w);
        double alpha = Math.sin(w) / 2 * Math.sqrt(2); // slope S = 1
        double sq = 2 * Math.sqrt(a) * alpha;
        if (low) {
            return new Biquad(a * ((a + 1) - (a - 1) * c + sq), 2 * a * ((a - 1) - (a + 1) * c), a * ((a + 1) - (a - 1) * c - sq),
                    (a + 1) + (a - 1) * c + sq, -2 * ((a - 1) + (a + 1) * c), (a + 1) + (a - 1) * c - sq);
        }
        return new Biquad(a * ((a + 1) + (a - 1) * c + sq), -2 * a * ((a - 1) + (a + 1) * c), a * ((a + 1) + (a - 1) * c - sq),
                (a + 1) - (a - 1) * c + sq, 2 * ((a - 1) - (a + 1) * c), (a + 1) - (a - 1) * c - sq);
    }

    /** Peaking bell of {@code gainDb} at {@code hz} with quality {@code q}. */
    public static Biquad peaking(double hz, double gainDb, double q, int sampleRate) {
        double a = Math.pow(10, gainDb / 40);
        double w = 2 * Math.PI * hz / sampleRate;
        double alpha = Math.sin(w) / (2 * q);
        double c = Math.cos(w);
        return new Biquad(1 + alpha * a, -2 * c, 1 - alpha * a, 1 + alpha / a, -2 * c, 1 - alpha / a);
    }

    public void filter(float[] x) {
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double out = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = out;
            x[i] = (float) out;
        }
    }
}
