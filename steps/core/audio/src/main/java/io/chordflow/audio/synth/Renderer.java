package io.chordflow.audio.synth;

import java.util.List;

/** The additive source: mixes pre-rendered notes (with a release fade) and drum samples. */
final class Renderer {
    private static final double RELEASE = 0.04;
    private final NoteBank bank;

    Renderer(NoteBank bank) {
        this.bank = bank;
    }

    /** Every part of the score, peak-normalised to 0.8 (for tests and previews; the corpus mixes stems). */
    float[] render(Score s) {
        float[] y = renderStem(s.notes(), s.hits(), s.lengthSamples(), s.sampleRate());
        float peak = 1e-9f;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < y.length; i++) {
            y[i] *= 0.8f / peak;
        }
        return y;
    }

    float[] renderStem(List<Score.Note> notes, List<Score.Hit> hits, int n, int sr) {
        float[] y = new float[n];
        int release = (int) (RELEASE * sr);
        for (Score.Note note : notes) {
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
        for (Score.Hit h : hits) {
            float[] src = bank.drum(h.drum());
            int len = Math.min(src.length, n - h.start());
            for (int i = 0; i < len; i++) {
                y[h.start() + i] += h.gain() * src[i];
            }
        }
        return y;
    }
}
