package io.chordflow.audio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.common.Seeds;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs where a GM soundfont is installed (Debian fluid-soundfont-gm); the build passes the needed --add-exports. */
class GmRendererTest {
    @Test
    void gmRenderingIsRepeatableAndHoldsTheLabelledChords() throws Exception {
        assumeTrue(Files.isRegularFile(GmRenderer.DEFAULT_SOUNDFONT), "no GM soundfont installed");
        GmRenderer gm = GmRenderer.check(GmRenderer.DEFAULT_SOUNDFONT);
        Score s0 = new Composer(22050).compose(Seeds.random(2, "gm"), 20);
        assertArrayEquals(gm.render(s0), gm.render(s0), "same score, same samples");
        assertEquals(s0.lengthSamples(), gm.render(s0).length);
        // the corpus' own mix: every part through this soundfont, stems at their part levels
        SongRenderer songs = new SongRenderer(new Renderer(new NoteBank(22050)), java.util.Map.of(GmRenderer.DEFAULT_SOUNDFONT, gm), null);
        java.util.Map<Part, Source> all = new java.util.EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            all.put(p, SourceCatalog.get("fluidr3@gervill"));
        }
        int ok = 0;
        int checked = 0;
        for (int song = 0; song < 2; song++) {
            Score s = new Composer(22050).compose(Seeds.random(2, "gm" + song), 30);
            float[] a = songs.mix(s, all, Seeds.random(2, "levels"), new java.util.TreeMap<>(), "t");
            int[] r = ComposerTest.chordTonesOnTop(s, CqtFeatures.compute(a), 1.5);
            ok += r[0];
            checked += r[1];
        }
        assertTrue(checked >= 8 && ok >= 0.8 * checked, ok + " of " + checked);
    }

    /** GM drums sound through Gervill (its kits are percussion patches, found apart from the melodic ones). */
    @Test
    void drumsSound() throws Exception {
        assumeTrue(Files.isRegularFile(GmRenderer.DEFAULT_SOUNDFONT), "no GM soundfont installed");
        GmRenderer gm = GmRenderer.check(GmRenderer.DEFAULT_SOUNDFONT);
        float[] y = gm.render(java.util.List.of(), java.util.List.of(new Score.Hit(5000, Drum.KICK, 0.7f),
                new Score.Hit(15000, Drum.SNARE, 0.5f)), 40, 22050, 30000, false);
        int k = FluidSynthRendererTest.onset(y, 0, 14000);
        // Gervill applies events at its control rate (~147 Hz, 150 samples here); a kick's sample rises slowly
        assertTrue(k >= 5000 - 150 && k <= 5000 + 450, "kick heard at " + k);
        float[] p = gm.render(java.util.List.of(new Score.Note(7000, 5000, Part.COMP, Timbre.PIANO, 0, 60, 0.5f)), java.util.List.of(),
                0, 22050, 20000, false);
        int n = FluidSynthRendererTest.onset(p, 0, 20000);
        System.out.println("gervill piano onset lag " + (n - 7000) + ", kick " + (k - 5000));
        assertTrue(n >= 7000 - 150 && n <= 7000 + 400, "piano heard at " + n);
        assertTrue(FluidSynthRendererTest.onset(y, 14000, 30000) >= 15000 - 64, "snare");
    }

    @Test
    void gmShareRendersSomeSongsThroughTheSoundfont(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(GmRenderer.DEFAULT_SOUNDFONT), "no GM soundfont installed");
        assertEquals(0, Cli.execute(new SynthCommand(), "--out", tmp.toString(), "--hours", "0", "--split",
                "test=0.01", "--min-song", "8", "--max-song", "10", "--gm-share", "0.5", "--seed", "4", "--sources", "*=additive"));
        JsonNode m = Json.MAPPER.readTree(tmp.resolve("manifest.json").toFile());
        long gm = 0;
        for (JsonNode t : m.get("tracks")) {
            gm += t.get("sources").get("comp").asText().equals("gm-soundfont@gervill") ? 1 : 0;
        }
        assertTrue(gm > 0 && gm < m.get("tracks").size(), gm + " of " + m.get("tracks").size());
    }
}
