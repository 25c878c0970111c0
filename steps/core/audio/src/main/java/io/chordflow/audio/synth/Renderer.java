package io.chordflow.audio.synth;

/** Mixes a {@link Score} into mono samples: pre-rendered notes with a release fade, drum hits, noise, then a fixed peak level. */
final class Renderer {
    private static final double RELEASE = 0.04;
    private final NoteBank bank;

    Renderer(NoteBank bank) {
        this.bank = bank;
    }

    float[] render(Score s) {
        int n = s.lengthSamples();
        float[] y = new float[n];
        int release = (int) (RELEASE * s.sampleRate());
        for (Score.Note note : s.notes()) {
            float[] src = bank.note(note.timbre(), note.midi());
            int len = Math.min(Math.min(note.length(), src.length), n - note.start());
            if (len <= 0) {
                continue;
            }
            float g = note.gain();
            int fadeFrom = Math.max(0, len - Math.min(release, len / 2));
            int base = note.start();
            for (int i = 0; i < fadeFrom; i++) {
                y[base + i] += g * src[i];
            }
            float step = 1f / Math.max(1, len - fadeFrom);
            for (int i = fadeFrom; i < len; i++) {
                y[base + i] += g * src[i] * (len - i) * step;
            }
        }
        for (Score.Hit h : s.hits()) {
            float[] src = bank.drum(h.drum());
            int len = Math.min(src.length, n - h.start());
            for (int i = 0; i < len; i++) {
                y[h.start() + i] += h.gain() * src[i];
            }
        }
        return addNoiseAndLevel(y, s);
    }

    /** The score's noise floor, then a fixed peak level (0.8), shared with {@link GmRenderer}. */
    static float[] addNoiseAndLevel(float[] y, Score s) {
        int n = y.length;
        // xorshift noise: cheap, and the same on every platform
        long x = s.noiseSeed() | 1;
        float level = (float) (s.noiseLevel() * Math.sqrt(3) / (1L << 31));
        float peak = 1e-9f;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            float v = y[i] + level * (int) (x >> 32);
            y[i] = v;
            peak = Math.max(peak, Math.abs(v));
        }
        float g = 0.8f / peak;
        for (int i = 0; i < n; i++) {
            y[i] *= g;
        }
        return y;
    }
}
