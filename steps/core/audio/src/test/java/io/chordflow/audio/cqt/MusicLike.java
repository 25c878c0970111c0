package io.chordflow.audio.cqt;

import java.util.SplittableRandom;

/** Deterministic music-like test audio: harmonic chords and bass with envelopes, noise bursts, a noise floor. */
final class MusicLike {
    private MusicLike() {
    }

    static float[] render(double seconds, int sr, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = (int) (seconds * sr);
        double[] y = new double[n];
        int pos = 0;
        while (pos < n) {
            int len = (int) ((0.4 + rnd.nextDouble() * 1.2) * sr);
            int root = 36 + rnd.nextInt(24);
            int[] chord = rnd.nextBoolean() ? new int[] {0, 4, 7, 11} : new int[] {0, 3, 7, 10};
            for (int v = 0; v < chord.length; v++) {
                tone(y, pos, len, sr, root + 12 + chord[v], 0.15 * (0.5 + rnd.nextDouble()), 8, rnd.nextDouble());
            }
            tone(y, pos, len, sr, root - 12, 0.3, 4, rnd.nextDouble());
            if (rnd.nextInt(3) == 0) {
                int burst = Math.min(n - pos, sr / 20);
                for (int i = 0; i < burst; i++) {
                    y[pos + i] += 0.3 * (rnd.nextDouble() * 2 - 1) * Math.exp(-i / (0.01 * sr));
                }
            }
            pos += len;
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (y[i] + 1e-3 * (rnd.nextDouble() * 2 - 1));
        }
        return out;
    }

    private static void tone(double[] y, int pos, int len, int sr, int midi, double amp, int harmonics, double phase) {
        double f = 440 * Math.pow(2, (midi - 69) / 12.0);
        for (int i = 0; i < len && pos + i < y.length; i++) {
            double t = (double) i / sr;
            double env = Math.min(1, t / 0.01) * Math.exp(-t * 1.5);
            double s = 0;
            for (int h = 1; h <= harmonics && f * h < sr / 2.0; h++) {
                s += Math.sin(2 * Math.PI * (f * h * t + phase * h)) / h;
            }
            y[pos + i] += amp * env * s;
        }
    }
}
