package io.chordflow.audio.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Turns a score into a mono mix: each part is rendered as a stem by the source chosen for it (additive synth,
 * Gervill or FluidSynth with a soundfont), each stem is set to a part level (RMS; comp 0 dB, melody -1, bass -2,
 * drums -4, pad -6, each +-3 dB per song) and the stems are summed. Sources differ wildly in loudness, so levels are set
 * on the rendered stems rather than through MIDI velocities.
 */
final class SongRenderer {
    private static final Map<Part, Double> LEVEL_DB = new EnumMap<>(Map.of(Part.COMP, 0.0, Part.MELODY, -1.0,
            Part.BASS, -2.0, Part.DRUMS, -4.0, Part.PAD, -6.0));

    private final Renderer additive;
    private final Map<Path, GmRenderer> gervill;
    private final FluidSynthRenderer fluidsynth;

    final RenderTimes times = new RenderTimes();

    SongRenderer(Renderer additive, Map<Path, GmRenderer> gervill, FluidSynthRenderer fluidsynth) {
        this.additive = additive;
        this.gervill = gervill;
        this.fluidsynth = fluidsynth;
    }

    /** The mix, and the level (dB) each present part got, into {@code levels}. */
    float[] mix(Score s, Map<Part, Source> sources, SplittableRandom r, Map<String, Double> levels, String tag)
            throws IOException {
        int n = s.lengthSamples();
        float[] y = new float[n];
        for (Part p : Part.values()) {
            double db = LEVEL_DB.get(p) + 6 * r.nextDouble() - 3; // drawn for every part: the stream does not depend on which exist
            List<Score.Note> notes = s.notes().stream().filter(x -> x.part() == p).toList();
            List<Score.Hit> hits = p == Part.DRUMS ? s.hits() : List.of();
            if (notes.isEmpty() && hits.isEmpty()) {
                continue;
            }
            Source src = sources.get(p);
            boolean child = src.engine() == Source.Engine.FLUIDSYNTH;
            long t0 = child ? System.nanoTime() : RenderTimes.cpu();
            float[] stem = switch (src.engine()) {
                case ADDITIVE -> additive.renderStem(notes, hits, n, s.sampleRate());
                case GERVILL -> gervill.get(src.soundfont()).render(notes, hits, s.drumKit(), s.sampleRate(), n, !src.plays(Part.COMP));
                case FLUIDSYNTH -> fluidsynth.render(src, notes, hits, s.drumKit(), s.sampleRate(), n, tag + "-" + p.id());
            };
            times.add("source " + src.name() + (child ? " (wall)" : " (cpu)"), (child ? System.nanoTime() : RenderTimes.cpu()) - t0, s.seconds());
            double rms = Production.rms(stem);
            if (rms <= 0) {
                continue; // a source without the instrument: the part is silent, and recorded as such
            }
            float g = (float) (0.1 * StrictMath.pow(10, db / 20) / rms);
            for (int i = 0; i < n; i++) {
                y[i] += g * stem[i];
            }
            levels.put(p.id(), Math.round(db * 100) / 100.0);
        }
        if (s.fades()) {
            fade(y, s.fadeStart(), s.fadeEnd());
        }
        return y;
    }

    /** A fade-out linear in dB, 0 to -60 dB over [from, to), then silence. */
    static void fade(float[] y, int from, int to) {
        double span = Math.max(1, to - from);
        for (int i = from; i < y.length; i++) {
            y[i] *= i >= to ? 0f : (float) StrictMath.pow(10, -3 * (i - from) / span);
        }
    }

    static Map<String, Double> sorted(Map<String, Double> m) {
        return new TreeMap<>(m);
    }
}
