package io.chordflow.audio.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.common.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every pitched default source, playing every part of a few songs, sounds the labelled chords (and the mix keeps the score's length). */
class SongRendererTest {
    @TempDir
    Path tmp;

    /** A fifth of the songs fade out: still labelled with chords while they fade, 30+ dB down by the end, then silent. */
    @org.junit.jupiter.api.Test
    void fadeOutsStayLabelledAndFallSilent() throws Exception {
        SongRenderer songs = new SongRenderer(new Renderer(new NoteBank(22050)), Map.of(), null);
        Map<Part, Source> all = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            all.put(p, SourceCatalog.get("additive"));
        }
        Composer c = new Composer(22050);
        int fades = 0;
        int songsDone = 0;
        for (int i = 0; songsDone < 40; i++, songsDone++) {
            Score s = c.compose(Seeds.random(9, "fade" + i), 30);
            if (!s.fades()) {
                continue;
            }
            fades++;
            float[] y = songs.mix(s, all, Seeds.random(9, "lv"), new TreeMap<>(), "f");
            double mid = rms(y, s.fadeStart() - 44100, s.fadeStart());
            double end = rms(y, s.fadeEnd() - 11025, s.fadeEnd());
            assertTrue(20 * Math.log10(mid / end) > 30, "song " + i + ": only " + 20 * Math.log10(mid / end) + " dB down");
            assertTrue(rms(y, s.fadeEnd(), y.length) == 0, "silent after the fade");
            double t = (s.fadeEnd() - 100) / 22050.0;
            String at = s.labels().stream().filter(x -> x.start() <= t && t < x.end()).findFirst().orElseThrow().label();
            assertTrue(!at.equals("N"), "song " + i + ": the fade is labelled " + at);
        }
        assertTrue(fades >= 3 && fades <= 16, fades + " of 40 fade");
    }

    static double rms(float[] y, int from, int to) {
        double s = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            s += (double) y[i] * y[i];
        }
        return Math.sqrt(s / Math.max(1, to - from));
    }

    @ParameterizedTest
    @ValueSource(strings = {"additive", "fluidr3@fluidsynth", "fluidr3@gervill", "csound@fluidsynth", "timgm6mb@fluidsynth",
        "opl3@fluidsynth"})
    void eachSourceSoundsTheLabelledChords(String name) throws Exception {
        Source src = SourceCatalog.get(name);
        assumeTrue(src.soundfont() == null || Files.isRegularFile(src.soundfont()), "soundfont missing");
        assumeTrue(src.engine() != Source.Engine.FLUIDSYNTH || Files.isExecutable(Path.of("/usr/bin/fluidsynth")), "no fluidsynth");
        Map<Path, GmRenderer> gervill = new HashMap<>();
        if (src.engine() == Source.Engine.GERVILL) {
            gervill.put(src.soundfont(), GmRenderer.check(src.soundfont()));
        }
        FluidSynthRenderer fs = src.engine() == Source.Engine.FLUIDSYNTH ? FluidSynthRenderer.check("fluidsynth", List.of(src), tmp) : null;
        SongRenderer songs = new SongRenderer(new Renderer(new NoteBank(22050)), gervill, fs);
        Map<Part, Source> all = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            all.put(p, src);
        }
        int ok = 0;
        int checked = 0;
        Composer c = new Composer(22050);
        for (int song = 0; song < 3; song++) {
            Score s = c.compose(Seeds.random(5, "src" + song), 24, StyleCatalog.get(List.of("pop", "ballad", "folk").get(song)));
            float[] y = songs.mix(s, all, Seeds.random(5, "lv" + song), new TreeMap<>(), "t" + song);
            assertTrue(y.length == s.lengthSamples());
            int[] r = ComposerTest.chordTonesOnTop(s, CqtFeatures.compute(y), 1.5);
            ok += r[0];
            checked += r[1];
        }
        System.out.println(name + ": " + ok + " of " + checked + " chords on top");
        assertTrue(checked >= 8 && ok >= 0.8 * checked, name + ": " + ok + " of " + checked);
    }
}
