package io.chordflow.audio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs where Debian's fluidsynth and the soundfonts are installed (bin/setup installs them). */
class FluidSynthRendererTest {
    static final int SR = 22050;

    static boolean installed(String source) {
        return Files.isRegularFile(SourceCatalog.get(source).soundfont()) && Files.isExecutable(Path.of("/usr/bin/fluidsynth"));
    }

    /** Piano notes at known samples: the render is byte-identical run to run, and each onset sounds where the score puts it. */
    @Test
    void repeatableAndOnTime(@TempDir Path tmp) throws Exception {
        assumeTrue(installed("fluidr3@fluidsynth"), "fluidsynth or FluidR3_GM missing");
        Source src = SourceCatalog.get("fluidr3@fluidsynth");
        FluidSynthRenderer fs = FluidSynthRenderer.check("fluidsynth", List.of(src), tmp);
        List<Score.Note> notes = new ArrayList<>();
        int[] onsets = {11025, 33075, 55555, 77777};
        for (int s : onsets) {
            notes.add(new Score.Note(s, 8000, Part.COMP, Timbre.PIANO, 0, 60, 0.5f));
        }
        float[] a = fs.render(src, notes, List.of(), 0, SR, 100000, "a");
        float[] b = fs.render(src, notes, List.of(), 0, SR, 100000, "b");
        assertEquals(100000, a.length);
        assertArrayEquals(a, b, "same notes, same samples");
        for (int s : onsets) {
            int heard = onset(a, s - 2000, s + 2000);
            System.out.println("fluidsynth piano onset lag " + (heard - s));
            // FluidSynth quantises events to its 64-sample blocks; a piano's attack adds a few ms
            assertTrue(heard >= s - 64 && heard <= s + 64 + 220, "onset at " + s + " heard at " + heard);
        }
        assertTrue(onset(a, 0, 10000) < 0, "silence before the first note");
    }

    /** First sample in [from, to) above 10% of the block's peak, -1 if none reaches 1e-4. */
    static int onset(float[] y, int from, int to) {
        float peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(y[i]));
        }
        if (peak < 1e-4) {
            return -1;
        }
        for (int i = from; i < to; i++) {
            if (Math.abs(y[i]) > 0.1 * peak) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void drumKitSoundfontsPlayOnTheirBankZeroKit(@TempDir Path tmp) throws Exception {
        assumeTrue(installed("avl-blackpearl@fluidsynth"), "fluidsynth or avldrums missing");
        Source src = SourceCatalog.get("avl-blackpearl@fluidsynth");
        FluidSynthRenderer fs = FluidSynthRenderer.check("fluidsynth", List.of(src), tmp);
        List<Score.Hit> hits = List.of(new Score.Hit(5000, Drum.KICK, 0.7f), new Score.Hit(20000, Drum.SNARE, 0.5f));
        float[] y = fs.render(src, List.of(), hits, 25, SR, 40000, "d");
        int k = onset(y, 0, 15000);
        assertTrue(k >= 5000 - 64 && k <= 5000 + 300, "kick at " + k);
    }

    /** GM kits: the jazz kit (32) and, where a soundfont lacks the kit asked for (OPL3 has only kit 0), its kit 0. */
    @Test
    void drumKitsPlayAndFallBack(@TempDir Path tmp) throws Exception {
        assumeTrue(installed("fluidr3@fluidsynth") && installed("opl3@fluidsynth"), "fluidsynth, FluidR3 or OPL3 missing");
        List<Score.Hit> hits = List.of(new Score.Hit(5000, Drum.SNARE, 0.7f));
        for (String name : List.of("fluidr3@fluidsynth", "opl3@fluidsynth")) {
            Source src = SourceCatalog.get(name);
            FluidSynthRenderer fs = FluidSynthRenderer.check("fluidsynth", List.of(src), tmp);
            float[] jazz = fs.render(src, List.of(), hits, 32, SR, 20000, "j");
            float[] standard = fs.render(src, List.of(), hits, 0, SR, 20000, "s");
            int k = onset(jazz, 0, 20000);
            assertTrue(k >= 5000 - 64 && k <= 5000 + 300, name + ": snare at " + k);
            assertEquals(name.startsWith("opl3"), java.util.Arrays.equals(jazz, standard), name + ": another kit, another sound");
        }
    }

    @Test
    void aMissingBinaryIsOneClearLine(@TempDir Path tmp) {
        assumeTrue(Files.isRegularFile(SourceCatalog.get("fluidr3@fluidsynth").soundfont()), "FluidR3_GM missing");
        InputException e = assertThrows(InputException.class, () -> FluidSynthRenderer.check(tmp.resolve("no-fluidsynth").toString(),
                List.of(SourceCatalog.get("fluidr3@fluidsynth")), tmp));
        assertTrue(e.getMessage().contains("not on the PATH") && e.getMessage().contains("apt-get install fluidsynth"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void aMissingSoundfontNamesItsPackage(@TempDir Path tmp) {
        Source ghost = new Source("ghost@fluidsynth", "ghost", Source.Engine.FLUIDSYNTH, tmp.resolve("ghost.sf2"), "ghost-soundfont",
                java.util.EnumSet.allOf(Part.class), 1);
        InputException e = assertThrows(InputException.class, () -> FluidSynthRenderer.check("fluidsynth", List.of(ghost), tmp));
        assertTrue(e.getMessage().contains("ghost-soundfont"), e.getMessage());
    }
}
