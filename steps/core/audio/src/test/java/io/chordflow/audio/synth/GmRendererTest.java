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
        Score s = new Composer(22050).compose(Seeds.random(2, "gm"), 20);
        float[] a = gm.render(s);
        float[] b = gm.render(s);
        assertEquals(s.lengthSamples(), a.length);
        assertArrayEquals(a, b, "same score, same samples");
        float[][] f = CqtFeatures.compute(a);
        int ok = 0;
        int checked = 0;
        for (Score.Segment seg : s.labels()) {
            if (seg.label().equals("N") || seg.end() - seg.start() < 1) {
                continue;
            }
            int[] pcs = ComposerTest.pitchClasses(seg.label());
            double[] chroma = new double[12];
            for (int t = (int) Math.ceil(seg.start() / 0.0929) + 1; t < (int) Math.floor(seg.end() / 0.0929) - 1; t++) {
                for (int k = 24; k < 120; k++) {
                    chroma[(k / 2) % 12] += Math.exp(f[t][k]);
                }
            }
            double in = 0;
            double out = 0;
            boolean[] member = new boolean[12];
            for (int p : pcs) {
                member[p] = true;
            }
            for (int p = 0; p < 12; p++) {
                if (member[p]) {
                    in += chroma[p] / pcs.length;
                } else {
                    out += chroma[p] / (12 - pcs.length);
                }
            }
            checked++;
            ok += in > 1.5 * out ? 1 : 0;
        }
        assertTrue(checked >= 3 && ok >= 0.8 * checked, ok + " of " + checked);
    }

    @Test
    void gmShareRendersSomeSongsThroughTheSoundfont(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(GmRenderer.DEFAULT_SOUNDFONT), "no GM soundfont installed");
        assertEquals(0, Cli.execute(new SynthCommand(), "--out", tmp.toString(), "--hours", "0", "--split",
                "test=0.01", "--min-song", "8", "--max-song", "10", "--gm-share", "0.5", "--seed", "4"));
        JsonNode m = Json.MAPPER.readTree(tmp.resolve("manifest.json").toFile());
        long gm = 0;
        for (JsonNode t : m.get("tracks")) {
            gm += t.get("renderer").asText().equals("gm-soundfont") ? 1 : 0;
        }
        assertTrue(gm > 0 && gm < m.get("tracks").size(), gm + " of " + m.get("tracks").size());
    }
}
