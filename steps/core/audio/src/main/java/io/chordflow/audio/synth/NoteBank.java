package io.chordflow.audio.synth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Pre-rendered notes, one per (timbre, MIDI pitch), {@value #SECONDS} s long, shared by every song of a run.
 * Mixing a song then costs one multiply-add per sample per sounding note, which is what keeps generation
 * faster than feature extraction. Rendering is a pure function of (timbre, pitch, rate), so the cache
 * does not affect the output.
 */
final class NoteBank {
    static final double SECONDS = 7.0; // longest note: a chord held 2 bars of 4/4 at 70 bpm (6.9 s)
    private static final int TABLE = 4096;

    private final int sr;
    private final ConcurrentHashMap<Integer, float[]> notes = new ConcurrentHashMap<>();
    private final float[][] drums;
    private final float[][] envelopes;   // per timbre, per sample: shared by all its notes
    private final float[][] brightness;  // per timbre: weight of the bright spectrum (null: always bright)

    NoteBank(int sr) {
        this.sr = sr;
        this.drums = new float[Drum.values().length][];
        for (Drum d : Drum.values()) {
            drums[d.ordinal()] = d.render(sr);
        }
        int n = (int) (SECONDS * sr);
        envelopes = new float[Timbre.values().length][];
        brightness = new float[Timbre.values().length][];
        for (Timbre t : Timbre.values()) {
            float[] env = new float[n];
            float[] w = t.brightDecay > 0 ? new float[n] : null;
            for (int i = 0; i < n; i++) {
                double time = (double) i / sr;
                env[i] = (float) t.envelope(time);
                if (w != null) {
                    w[i] = (float) StrictMath.exp(-time / t.brightDecay);
                }
            }
            envelopes[t.ordinal()] = env;
            brightness[t.ordinal()] = w;
        }
    }

    float[] note(Timbre t, int midi) {
        return notes.computeIfAbsent(t.ordinal() * 128 + midi, k -> render(t, midi));
    }

    float[] drum(Drum d) {
        return drums[d.ordinal()];
    }

    private float[] render(Timbre timbre, int midi) {
        double f = 440 * StrictMath.pow(2, (midi - 69) / 12.0);
        int maxH = Math.max(1, (int) Math.floor(0.45 * sr / f)); // band-limited: nothing above 0.45 sr
        float[] bright = table(timbre, maxH, true);
        float[] dull = timbre.brightDecay > 0 ? table(timbre, maxH, false) : bright;
        float[] env = envelopes[timbre.ordinal()];
        float[] w = brightness[timbre.ordinal()];
        int n = env.length;
        float[] y = new float[n];
        double phase = 0;
        double inc = f / sr * TABLE;
        for (int i = 0; i < n; i++) {
            int i0 = (int) phase;
            float frac = (float) (phase - i0);
            int i1 = (i0 + 1) & (TABLE - 1);
            float v = bright[i0] + frac * (bright[i1] - bright[i0]);
            if (w != null) {
                float d = dull[i0] + frac * (dull[i1] - dull[i0]);
                v = w[i] * v + (1 - w[i]) * d;
            }
            y[i] = v * env[i];
            phase += inc;
            if (phase >= TABLE) {
                phase -= TABLE;
            }
        }
        return y;
    }

    /** One cycle with peak-normalised amplitude. */
    private static float[] table(Timbre timbre, int maxH, boolean brightSpectrum) {
        double[] y = new double[TABLE];
        for (int h = 1; h <= Math.min(maxH, 40); h++) {
            double a = brightSpectrum ? timbre.bright(h) : timbre.dull(h);
            if (a == 0) {
                continue;
            }
            double ph = 0.37 * h * h; // fixed, non-zero phases avoid a spiky waveform
            for (int i = 0; i < TABLE; i++) {
                y[i] += a * StrictMath.sin(2 * Math.PI * h * i / TABLE + ph);
            }
        }
        double peak = 1e-9;
        for (double v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        float[] out = new float[TABLE];
        for (int i = 0; i < TABLE; i++) {
            out[i] = (float) (y[i] / peak);
        }
        return out;
    }
}
