package io.chordflow.chords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabFileTest {
    @Test
    void readsWhitespaceCommentsAndGaps() {
        List<ChordSegment> s = LabFile.parse("# header\n0.0\t1.5\tC:maj\n\n2.0  3.0 G:7/3\n", "song.lab");
        assertEquals(List.of(new ChordSegment(0, 1.5, "C:maj"), new ChordSegment(2, 3, "G:7/3")), s);
    }

    @Test
    void writeThenReadIsIdentity(@TempDir Path dir) throws Exception {
        List<ChordSegment> s = List.of(new ChordSegment(0, 0.092879, "N"), new ChordSegment(0.092879, 2.5, "A#:hdim7"));
        Path f = dir.resolve("a/b.lab");
        LabFile.write(f, s);
        assertEquals(s, LabFile.read(f));
    }

    private static String error(String text) {
        return assertThrows(InputException.class, () -> LabFile.parse(text, "x.lab")).getMessage();
    }

    @Test
    void errorsNameFileAndLine() {
        assertEquals("x.lab line 2: interval goes backwards (end 1.0 < start 2.0)", error("0 1 C\n2.0 1.0 D\n"));
        assertEquals("x.lab line 1: label 'H:maj' is not valid Harte chord syntax", error("0 1 H:maj\n"));
        assertEquals("x.lab line 1: end time 'abc' is not a number", error("0 abc C\n"));
        assertEquals("x.lab line 1: expected 'start end label', got '0 1'", error("0 1\n"));
        assertEquals("x.lab line 1: negative start time -1", error("-1 1 C\n"));
    }

    @Test
    void overlappingIntervalsAreReadAsMirEvalsLoaderReadsThem() {
        // mir_eval.io.load_labeled_intervals keeps them (no warning); chord.evaluate decides (see ChordEvaluatorOverlapTest)
        assertEquals(3, LabFile.parse("0 1 C\n1 2 D\n1.5 3 E\n", "x.lab").size());
    }

    @Test
    void missingFileIsAnInputError() {
        assertThrows(InputException.class, () -> LabFile.read(Path.of("/nonexistent/x.lab")));
    }

    @Test
    void jamsBothLayouts(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.jams");
        Files.writeString(a, """
                {"annotations": [{"namespace": "beat", "data": []},
                  {"namespace": "chord", "data": [
                    {"time": 1.0, "duration": 1.0, "value": "G:maj", "confidence": 1},
                    {"time": 0.0, "duration": 1.0, "value": "C:min7", "confidence": 1}]}]}""");
        assertEquals(List.of(new ChordSegment(0, 1, "C:min7"), new ChordSegment(1, 2, "G:maj")), JamsFile.read(a));
        Path b = dir.resolve("b.jams");
        Files.writeString(b, """
                {"annotations": [{"namespace": "chord_harte",
                  "data": {"time": [0, 2], "duration": [2, 1], "value": ["N", "E:7"]}}]}""");
        assertEquals(List.of(new ChordSegment(0, 2, "N"), new ChordSegment(2, 3, "E:7")), JamsFile.read(b));
        Path c = dir.resolve("c.jams");
        Files.writeString(c, "{\"annotations\": [{\"namespace\": \"chord\", \"data\": [{\"time\": 0, \"duration\": 1, \"value\": \"Q\"}]}]}");
        assertEquals(c + ": annotations[0].data[0]: label 'Q' is not valid Harte chord syntax",
                assertThrows(InputException.class, () -> JamsFile.read(c)).getMessage());
    }
}
