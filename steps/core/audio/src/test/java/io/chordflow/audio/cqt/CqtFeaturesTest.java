package io.chordflow.audio.cqt;

import io.chordflow.contract.FeatureSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CqtFeaturesTest {
    static final FeatureSpec S = CqtFeatures.SPEC;

    static float[] tones(double seconds, double... freqs) {
        float[] y = new float[(int) (seconds * S.sampleRate())];
        for (int i = 0; i < y.length; i++) {
            double v = 0;
            for (double f : freqs) {
                v += 0.3 * Math.sin(2 * Math.PI * f * i / S.sampleRate());
            }
            y[i] = (float) v;
        }
        return y;
    }

    static double binFreq(int k) {
        return S.fmin() * Math.pow(2, k / 24.0);
    }

    static int argmax(float[] row, int from, int to) {
        int best = from;
        for (int k = from; k < to; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    @Test
    void specIsBtcs() {
        assertEquals(22050, S.sampleRate());
        assertEquals(2048, S.hop());
        assertEquals(144, S.bins());
        assertEquals(24, S.binsPerOctave());
        assertEquals(32.7032, S.fmin(), 1e-4);
        assertEquals(0.092880, S.frameSeconds(), 1e-6);
        assertEquals(1, CqtFeatures.transform().earlyDownsampleCount(), "librosa downsamples 22050 -> 11025 first");
    }

    @Test
    void pureTonePeaksAtItsBinInEveryOctave() {
        for (int octave = 0; octave < 6; octave++) {
            for (int step : new int[] {0, 9, 23}) {
                int k = octave * 24 + step;
                float[][] c = CqtFeatures.compute(tones(3, binFreq(k)));
                for (int t = 8; t < 25; t++) {
                    assertEquals(k, argmax(c[t], 0, 144), "tone at bin " + k + ", frame " + t);
                }
                // energy is concentrated: 3 bins away is at least 20 dB (log 2.3) lower
                float[] row = c[16];
                if (k + 3 < 144) {
                    assertTrue(row[k] - row[k + 3] > 2.3, "bin " + k + " vs +3: " + row[k] + " " + row[k + 3]);
                }
            }
        }
    }

    @Test
    void twoTonesGiveTwoPeaks() {
        int a = 45;
        int b = 100;
        float[][] c = CqtFeatures.compute(tones(3, binFreq(a), binFreq(b)));
        float[] row = c[16];
        assertEquals(a, argmax(row, 0, 72));
        assertEquals(b, argmax(row, 72, 144));
        // scale=True: |C| = sqrt(N_k) * amplitude/2 and N_k halves per octave, so equal tones differ by
        // log sqrt(2^((b-a)/24))
        assertEquals((b - a) / 48.0 * Math.log(2), row[a] - row[b], 0.01, "sqrt(filter length) scaling");
        // between the peaks it is far lower
        assertTrue(row[a] - row[72] > 4, "valley");
    }

    @Test
    void frameCountFollowsLibrosaCenteredFrames() {
        // 1 + floor(n/2048): ceil(n/2048) for n not a multiple of the hop, one more at exact multiples
        assertEquals(11, CqtFeatures.compute(new float[2048 * 10 + 5]).length);
        assertEquals(11, CqtFeatures.compute(new float[2048 * 10]).length);
        assertEquals(12, CqtFeatures.compute(new float[2048 * 11]).length);
        assertEquals(11, CqtFeatures.compute(new float[2048 * 11 - 1]).length);
        assertEquals(1, CqtFeatures.compute(new float[100]).length);
        assertEquals(144, CqtFeatures.compute(new float[5000])[0].length);
        assertEquals(S.frames(2048 * 10 + 5), 11);
    }

    @Test
    void silenceIsLogEpsilon() {
        float[][] c = CqtFeatures.compute(new float[22050]);
        assertEquals(Math.log(1e-6), c[5][70], 1e-6);
    }

    @Test
    void frameTIsCentredAtTTimesHop() {
        // a tone that starts at frame 20's centre: frame 20 sees half the window filled, frame 22 all of it
        int k = 130;
        float[] y = tones(4, binFreq(k));
        int onset = 20 * 2048;
        for (int i = 0; i < onset; i++) {
            y[i] = 0;
        }
        float[][] c = CqtFeatures.compute(y);
        double full = Math.exp(c[30][k]);
        double half = Math.exp(c[20][k]);
        assertEquals(0.5, half / full, 0.05, "centred frame: half the (symmetric) window sees the tone");
        assertTrue(Math.exp(c[18][k]) < 0.01 * full, "two frames earlier: nothing");
    }
}
