package io.chordflow.audio.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import io.chordflow.common.Seeds;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitChoiceTest {
    static final List<String> SPLITS = List.of("teacher", "test", "test-heldout");

    @Test
    void aSplitNotNamedTakesTheStarChoiceElseTheDefault() {
        Map<String, SplitChoice> c = SplitChoice.resolve(SPLITS, Map.of("*", "default+~timgm6mb", "test-heldout", "timgm6mb@fluidsynth"),
                Map.of("test-heldout", "jazz"));
        List<String> teacher = c.get("teacher").sources().stream().map(Source::name).toList();
        assertFalse(teacher.contains("timgm6mb@fluidsynth"), teacher.toString());
        assertTrue(teacher.contains("additive") && teacher.contains("fluidr3@fluidsynth"), teacher.toString());
        assertEquals(List.of("timgm6mb@fluidsynth"), c.get("test-heldout").sources().stream().map(Source::name).toList());
        assertEquals(StyleCatalog.DEFAULT, c.get("teacher").styles().stream().map(Style::name).toList());
        assertEquals(List.of("jazz"), c.get("test-heldout").styles().stream().map(Style::name).toList());
    }

    @Test
    void aBareSoundfontNameMeansAllItsRenderers() {
        List<String> in = SourceCatalog.resolve("fluidr3", "--sources x").stream().map(Source::name).toList();
        assertEquals(List.of("fluidr3@fluidsynth", "fluidr3@gervill"), in);
        List<String> out = SourceCatalog.resolve("default+~fluidr3", "--sources x").stream().map(Source::name).toList();
        assertTrue(out.stream().noneMatch(n -> n.startsWith("fluidr3")), out.toString());
    }

    @Test
    void picksOnlyTheSplitsSourcesAndKitsOnlyPlayDrums() {
        SplitChoice c = SplitChoice.resolve(SPLITS, Map.of("*", "additive+avl-blackpearl@fluidsynth"), Map.of()).get("teacher");
        boolean kit = false;
        for (int i = 0; i < 200; i++) {
            Map<Part, Source> m = c.pick(Seeds.random(1, "p" + i));
            for (Part p : List.of(Part.COMP, Part.BASS, Part.MELODY)) {
                assertEquals("additive", m.get(p).name());
            }
            kit |= m.get(Part.DRUMS).name().startsWith("avl");
        }
        assertTrue(kit);
    }

    @Test
    void unknownNamesAreExitTwoNamingTheOptionAndTheKnownNames(@TempDir Path tmp) {
        InputException e = assertThrows(InputException.class, () -> SplitChoice.resolve(SPLITS, Map.of("test", "fluidr4"), Map.of()));
        assertTrue(e.getMessage().startsWith("--sources test=fluidr4: unknown source 'fluidr4'"), e.getMessage());
        assertTrue(e.getMessage().contains("fluidr3@fluidsynth") && e.getMessage().contains("additive"), e.getMessage());
        e = assertThrows(InputException.class, () -> SplitChoice.resolve(SPLITS, Map.of(), Map.of("test", "polka")));
        assertTrue(e.getMessage().startsWith("--styles test=polka: unknown style 'polka'") && e.getMessage().contains("waltz"), e.getMessage());
        e = assertThrows(InputException.class, () -> SplitChoice.resolve(SPLITS, Map.of("tset", "additive"), Map.of()));
        assertTrue(e.getMessage().contains("no split 'tset'"), e.getMessage());
        e = assertThrows(InputException.class, () -> SplitChoice.resolve(SPLITS, Map.of("test", "avl-blackpearl"), Map.of()));
        assertTrue(e.getMessage().contains("no source that plays pitched parts"), e.getMessage());
        String out = tmp.toString();
        assertEquals(2, Cli.execute(new SynthCommand(), "--out", out, "--hours", "0", "--split", "test=0.01", "--sources", "test=fluidr4"));
        assertEquals(2, Cli.execute(new SynthCommand(), "--out", out, "--hours", "0", "--split", "test=0.01", "--styles", "test=polka"));
        assertEquals(2, Cli.execute(new SynthCommand(), "--out", out, "--hours", "0", "--split", "test=0.01",
                "--sources", "test=fluidr3@fluidsynth", "--fluidsynth", tmp.resolve("none").toString()));
    }

    /** A held-out source and style are heard in their split only: the manifest says so track by track. */
    @Test
    void heldOutSourceAndStyleNeverAppearInOtherSplits(@TempDir Path tmp) throws Exception {
        assumeTrue(FluidSynthRendererTest.installed("timgm6mb@fluidsynth"), "fluidsynth or TimGM6mb missing");
        assertEquals(0, Cli.execute(new SynthCommand(), "--out", tmp.toString(), "--hours", "0", "--split", "teacher=0.02,test-heldout=0.01",
                "--min-song", "8", "--max-song", "12", "--seed", "3", "--threads", "2",
                "--sources", "*=additive+timgm6mb@fluidsynth+~timgm6mb+fluidr3@fluidsynth,test-heldout=timgm6mb@fluidsynth",
                "--styles", "*=default+~jazz", "--styles", "test-heldout=jazz"));
        JsonNode m = Json.MAPPER.readTree(tmp.resolve("manifest.json").toFile());
        int held = 0;
        int other = 0;
        for (JsonNode t : m.get("tracks")) {
            boolean heldOut = t.get("split").asText().equals("test-heldout");
            assertEquals(heldOut, t.get("style").asText().equals("jazz"), t.toString());
            for (JsonNode src : t.get("sources")) {
                assertEquals(heldOut, src.asText().startsWith("timgm6mb"), t.toString());
            }
            held += heldOut ? 1 : 0;
            other += heldOut ? 0 : 1;
        }
        assertTrue(held >= 1 && other >= 3, held + " held out, " + other + " others");
        assertEquals("[\"timgm6mb@fluidsynth\"]", m.get("splits").get("test-heldout").get("sources").toString());
        assertFalse(m.get("splits").get("teacher").get("styles").toString().contains("jazz"));
        assertTrue(m.get("splits").get("test-heldout").get("quality_seconds").size() > 1);
    }
}
