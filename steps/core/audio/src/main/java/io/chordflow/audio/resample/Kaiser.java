package io.chordflow.audio.resample;

/** Kaiser window and windowed-sinc helpers shared by the resamplers. */
final class Kaiser {
    private Kaiser() {
    }

    /** Kaiser beta for a stopband attenuation of {@code db} decibels (Kaiser's empirical formula). */
    static double beta(double db) {
        if (db > 50) {
            return 0.1102 * (db - 8.7);
        }
        return db >= 21 ? 0.5842 * Math.pow(db - 21, 0.4) + 0.07886 * (db - 21) : 0;
    }

    /** The window at offset {@code x} from its centre, {@code halfWidth} samples to each side. */
    static double window(double x, double halfWidth, double beta) {
        double r = x / halfWidth;
        if (r <= -1 || r >= 1) {
            return 0;
        }
        return bessel0(beta * Math.sqrt(1 - r * r)) / bessel0(beta);
    }

    static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for beta < 20). */
    static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
