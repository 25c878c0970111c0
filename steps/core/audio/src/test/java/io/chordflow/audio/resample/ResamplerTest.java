package io.chordflow.audio.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    static float[] sine(double f, int sr, double seconds, double amp) {
        float[] y = new float[(int) (sr * seconds)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amp * Math.sin(2 * Math.PI * f * i / sr));
        }
        return y;
    }

    /** Amplitude of frequency {@code f} in {@code y} (least squares fit over the middle, away from the edges). */
    static double amplitude(float[] y, int sr, double f) {
        double c = 0;
        double s = 0;
        int from = y.length / 4;
        int to = 3 * y.length / 4;
        for (int i = from; i < to; i++) {
            double a = 2 * Math.PI * f * i / sr;
            c += y[i] * Math.cos(a);
            s += y[i] * Math.sin(a);
        }
        return 2 * Math.hypot(c, s) / (to - from);
    }

    @Test
    void sineKeepsItsFrequencyAndAmplitude() {
        for (int from : new int[] {44100, 48000, 16000, 8000}) {
            float[] y = new Resampler(from, 22050).resample(sine(1000, from, 1.0, 0.5));
            assertEquals((int) Math.ceil(from * 1.0 * 22050 / from), y.length);
            assertEquals(0.5, amplitude(y, 22050, 1000), 0.005, "from " + from);
            // the energy is at 1000 Hz, not next to it
            assertTrue(amplitude(y, 22050, 1010) < 0.01, "from " + from);
        }
    }

    @Test
    void whatIsAboveTheNewNyquistDoesNotAlias() {
        // 15 kHz at 44.1 kHz would fold to 7050 Hz at 22.05 kHz; 30 kHz at 48 kHz -> fold to ... 48k can't hold 30k, use 20 kHz -> 2050 Hz
        float[] a = new Resampler(44100, 22050).resample(sine(15000, 44100, 1.0, 1.0));
        double db = 20 * Math.log10(amplitude(a, 22050, 22050 - 15000) + 1e-12);
        assertTrue(db < -60, "alias at 7050 Hz: " + db + " dB");
        float[] b = new Resampler(48000, 22050).resample(sine(20000, 48000, 1.0, 1.0));
        double db2 = 20 * Math.log10(amplitude(b, 22050, 22050 - 20000) + 1e-12);
        assertTrue(db2 < -60, "alias at 2050 Hz: " + db2 + " dB");
        // just above the new Nyquist too: 11.5 kHz folds to 10.55 kHz
        float[] c = new Resampler(44100, 22050).resample(sine(11500, 44100, 1.0, 1.0));
        double db3 = 20 * Math.log10(amplitude(c, 22050, 22050 - 11500) + 1e-12);
        assertTrue(db3 < -60, "alias at 10550 Hz: " + db3 + " dB");
    }

    @Test
    void oddRatesInterpolateBetweenTabulatedPhases() {
        // 44056 Hz (some video audio): 22050/44056 = 11025/22028 does not reduce to a small table
        float[] y = new Resampler(44056, 22050).resample(sine(1000, 44056, 1.0, 0.5));
        assertEquals((int) Math.ceil(44056.0 * 22050 / 44056), y.length);
        assertEquals(0.5, amplitude(y, 22050, 1000), 0.005);
        float[] z = new Resampler(44056, 22050).resample(sine(15000, 44056, 1.0, 1.0));
        double db = 20 * Math.log10(amplitude(z, 22050, 22050 - 15000) + 1e-12);
        assertTrue(db < -60, "alias: " + db + " dB");
    }

    @Test
    void passBandIsFlat() {
        float[] y = new Resampler(44100, 22050).resample(sine(9000, 44100, 1.0, 1.0));
        assertEquals(1.0, amplitude(y, 22050, 9000), 0.01, "9 kHz, 82% of the new Nyquist");
    }

    @Test
    void halfbandKeepsTheBandAndTheTiming() {
        HalfbandDecimator d = new HalfbandDecimator(12, 1.0);
        float[] x = sine(1500, 22050, 1.0, 1.0);
        float[] y = d.decimate(x);
        assertEquals(11025, y.length);
        assertEquals(1.0, amplitude(y, 11025, 1500), 1e-4);
        // zero phase: output j equals the input at 2j
        for (int j = 2000; j < 2010; j++) {
            assertEquals(x[2 * j], y[j], 1e-3);
        }
        float[] z = d.decimate(sine(9000, 22050, 1.0, 1.0)); // folds to 2025 Hz
        assertTrue(amplitude(z, 11025, 2025) < 1e-4, "aliasing into the analysed band");
        assertEquals(6, d.decimate(new float[11]).length);
    }
}
