package io.chordflow.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentAnnotationsTest {
    @Test
    void labFilesTakeAnyLabelWithSpaces(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("a.lab"), "# song\n0.0\t7.3\tIntro\n7.3 27.1 Verse (Guitar Solo)\n");
        assertEquals(List.of(new Segment(0, 7.3, "Intro"), new Segment(7.3, 27.1, "Verse (Guitar Solo)")), SegmentAnnotations.read(f));
    }

    @Test
    void badLabLinesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path zero = Files.writeString(dir.resolve("z.lab"), "0 5 intro\n5 5 verse\n");
        assertEquals(zero + " line 2: segment [5.0, 5.0] has no duration (mir_eval needs end > start)",
                assertThrows(InputException.class, () -> SegmentAnnotations.read(zero)).getMessage());
        Path overlap = Files.writeString(dir.resolve("o.lab"), "0 5 intro\n4 9 verse\n");
        assertEquals(overlap + " line 2: interval starts at 4, before the previous one ends (5.0)",
                assertThrows(InputException.class, () -> SegmentAnnotations.read(overlap)).getMessage());
        Path missing = dir.resolve("none.lab");
        assertEquals(missing + ": no such annotation file", assertThrows(InputException.class, () -> SegmentAnnotations.read(missing)).getMessage());
    }

    @Test
    void jamsSegmentOpen(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.jams"), """
                {"annotations": [{"namespace": "beat", "data": []},
                  {"namespace": "segment_open", "data": [
                    {"time": 12.5, "duration": 20.0, "value": "chorus", "confidence": null},
                    {"time": 0.0, "duration": 12.5, "value": "verse", "confidence": null}]}]}""");
        assertEquals(List.of(new Segment(0, 12.5, "verse"), new Segment(12.5, 32.5, "chorus")), SegmentAnnotations.read(a));
        Path b = Files.writeString(dir.resolve("b.jams"), """
                {"annotations": [{"namespace": "segment_open", "data": [{"time": 0, "duration": 0, "value": "x"}]}]}""");
        assertEquals(b + ": annotations[0].data[0]: segment has no duration (mir_eval needs end > start)",
                assertThrows(InputException.class, () -> SegmentAnnotations.read(b)).getMessage());
    }

    @Test
    void writeThenReadRoundTrips(@TempDir Path dir) throws Exception {
        List<Segment> s = List.of(new Segment(0, 10.5, "intro"), new Segment(10.5, 30, "verse"));
        Path f = dir.resolve("x.lab");
        SegmentAnnotations.write(f, s);
        assertEquals(s, SegmentAnnotations.read(f));
    }
}
