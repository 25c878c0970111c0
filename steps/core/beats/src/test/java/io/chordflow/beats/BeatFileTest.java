package io.chordflow.beats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeatFileTest {
    @Test
    void readsTimesOrTimesWithPositions() {
        assertEquals(List.of(new Beat(0.5, 0), new Beat(1.0, 0)), BeatFile.parse("# c\n0.5\n\n1.0\n", "a"));
        List<Beat> beats = BeatFile.parse("0.09\t1\n0.45 2\n0.8 3.0\n1.2 1\n", "b");
        assertEquals(List.of(new Beat(0.09, 1), new Beat(0.45, 2), new Beat(0.8, 3), new Beat(1.2, 1)), beats);
        assertArrayEquals(new double[] {0.09, 1.2}, BeatAnnotations.downbeats(beats, "b"));
    }

    @Test
    void badLinesNameFileAndLine() {
        assertEquals("f.beats line 2: time 'x' is not a number",
                assertThrows(InputException.class, () -> BeatFile.parse("1\nx\n", "f.beats")).getMessage());
        assertEquals("f.beats line 3: beat at 0.5 s comes before the previous one (2.0 s)",
                assertThrows(InputException.class, () -> BeatFile.parse("1\n2\n0.5\n", "f.beats")).getMessage());
        assertEquals("f.beats line 2: has 1 column(s) where earlier lines have 2",
                assertThrows(InputException.class, () -> BeatFile.parse("1 1\n2\n", "f.beats")).getMessage());
        assertEquals("f.beats line 1: beat position '0' must be a whole number >= 1 (1 = downbeat)",
                assertThrows(InputException.class, () -> BeatFile.parse("1 0\n", "f.beats")).getMessage());
        assertThrows(InputException.class, () -> BeatFile.parse("1 1 1\n", "f.beats"));
        assertThrows(InputException.class, () -> BeatFile.parse("-1\n", "f.beats"));
        assertEquals("f.beats: has no beat positions, so no downbeats (expected 'time position' lines)",
                assertThrows(InputException.class, () -> BeatAnnotations.downbeats(BeatFile.parse("1\n", "f.beats"), "f.beats")).getMessage());
    }

    @Test
    void writeThenReadRoundTrips(@TempDir Path dir) throws Exception {
        List<Beat> beats = List.of(new Beat(0.5, 1), new Beat(1.25, 2));
        Path f = dir.resolve("x.beats");
        BeatFile.write(f, beats);
        assertEquals(beats, BeatAnnotations.read(f));
    }

    @Test
    void jamsBeatAnnotationsWithAndWithoutPositions(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.jams"), """
                {"annotations": [{"namespace": "chord", "data": []},
                  {"namespace": "beat", "data": [
                    {"time": 1.0, "duration": 0.0, "value": 2, "confidence": null},
                    {"time": 0.5, "duration": 0.0, "value": 1, "confidence": null}]}]}""");
        assertEquals(List.of(new Beat(0.5, 1), new Beat(1.0, 2)), BeatAnnotations.read(a));
        Path b = Files.writeString(dir.resolve("b.jams"), """
                {"annotations": [{"namespace": "beat", "data": {"time": [0.1, 0.6], "duration": [0, 0], "value": [null, null]}}]}""");
        assertEquals(List.of(new Beat(0.1, 0), new Beat(0.6, 0)), BeatAnnotations.read(b));
        Path c = Files.writeString(dir.resolve("c.jams"), """
                {"annotations": [{"namespace": "beat", "data": [{"time": 1.0, "duration": 0, "value": "one"}]}]}""");
        assertEquals(c + ": annotations[0].data[0]: beat position \"one\" must be a whole number >= 1 or null",
                assertThrows(InputException.class, () -> BeatAnnotations.read(c)).getMessage());
        Path d = Files.writeString(dir.resolve("d.jams"), "{\"annotations\": []}");
        assertEquals(d + ": no annotation in namespace 'beat'", assertThrows(InputException.class, () -> BeatAnnotations.read(d)).getMessage());
    }
}
