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
    private static final int MAX_HARMONICS = 40;
    private static final double[] SIN = new double[TABLE];

    static {
        for (int i = 0; i < TABLE; i++) {
            SIN[i] = StrictMath.sin(2 * Math.PI * i / TABLE);
        }
    }

    private final ConcurrentHashMap<Integer, float[]> tables = new ConcurrentHashMap<>();

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

    /** One cycle with peak-normalised amplitude; cached, low notes share their harmonic count. */
    private float[] table(Timbre timbre, int maxH, boolean brightSpectrum) {
        int h = Math.min(maxH, MAX_HARMONICS);
        return tables.computeIfAbsent((timbre.ordinal() * 64 + h) * 2 + (brightSpectrum ? 1 : 0),
                k -> buildTable(timbre, h, brightSpectrum));
    }

    private static float[] buildTable(Timbre timbre, int maxH, boolean brightSpectrum) {
        double[] y = new double[TABLE];
        for (int h = 1; h <= maxH; h++) {
            double a = brightSpectrum ? timbre.bright(h) : timbre.dull(h);
            if (a == 0) {
                continue;
            }
            // sin(2 pi h i/T + ph) from one sine table: fixed non-zero phases avoid a spiky waveform
            double ph = 0.37 * h * h;
            double c = a * StrictMath.cos(ph);
            double sn = a * StrictMath.sin(ph);
            for (int i = 0; i < TABLE; i++) {
                int idx = (int) ((long) h * i % TABLE);
                y[i] += c * SIN[idx] + sn * SIN[(idx + TABLE / 4) % TABLE];
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
