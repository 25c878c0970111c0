package io.chordflow.chords.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.chords.ChordSegment;
import io.chordflow.common.InputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChordEvaluatorTest {
    private static ChordSegment s(double a, double b, String l) {
        return new ChordSegment(a, b, l);
    }

    @Test
    void estimateShorterThanReferenceIsPaddedWithN() {
        Map<String, Double> r = ChordEvaluator.evaluate(List.of(s(0, 4, "C:maj")), List.of(s(0, 2, "C:maj")));
        assertEquals(0.5, r.get("root"), 1e-12);
        assertEquals(0.5, r.get("overseg"), 1e-12);
        assertEquals(1.0, r.get("underseg"), 1e-12);
        assertEquals(0.5, r.get("seg"), 1e-12);
    }

    @Test
    void estimateLongerThanReferenceIsCropped() {
        Map<String, Double> r = ChordEvaluator.evaluate(List.of(s(1, 3, "C:maj")), List.of(s(0, 5, "C:maj")));
        assertEquals(1.0, r.get("tetrads"), 1e-12);
        assertEquals(1.0, r.get("seg"), 1e-12);
    }

    @Test
    void gapInTheEstimateInheritsThePreviousLabel() {
        Map<String, Double> r = ChordEvaluator.evaluate(List.of(s(0, 3, "C:maj")),
                List.of(s(0, 1, "C:maj"), s(2, 3, "G:maj")));
        assertEquals(2.0 / 3, r.get("root"), 1e-12);
    }

    @Test
    void unknownReferenceTimeIsNotCounted() {
        SongScores r = ChordEvaluator.score(List.of(s(0, 1, "X"), s(1, 2, "C:maj")), List.of(s(0, 2, "C:maj")));
        assertEquals(1.0, r.scores().get("root"), 1e-12);
        assertEquals(1.0, r.counted().get("root"), 1e-12);
        assertEquals(2.0, r.duration(), 1e-12);
    }

    @Test
    void nothingComparableScoresZero() {
        Map<String, Double> r = ChordEvaluator.evaluate(List.of(s(0, 1, "C:sus4")), List.of(s(0, 1, "C:sus4")));
        assertEquals(0.0, r.get("majmin"));
        assertEquals(1.0, r.get("root"));
    }

    @Test
    void emptyEstimateIsAllNoChord() {
        Map<String, Double> r = ChordEvaluator.evaluate(List.of(s(0, 2, "C:maj")), List.of());
        assertEquals(0.0, r.get("root"));
        assertEquals(0.0, ChordEvaluator.evaluate(List.of(s(0, 2, "N")), List.of(s(0, 2, "C:maj"))).get("majmin"));
        assertEquals(1.0, ChordEvaluator.evaluate(List.of(s(0, 2, "N")), List.of()).get("majmin"));
    }

    @Test
    void inversionsMatterOnlyToInvMetrics() {
        Map<String, Double> r = ChordEvaluator.evaluate(List.of(s(0, 1, "C:maj/3")), List.of(s(0, 1, "C:maj")));
        assertEquals(1.0, r.get("triads"));
        assertEquals(0.0, r.get("triads_inv"));
    }

    @Test
    void extendedChordsDoNotSplitSegmentsForSegmentation() {
        Map<String, Double> r = ChordEvaluator.evaluate(List.of(s(0, 2, "C:9")), List.of(s(0, 1, "C:7(9)"), s(1, 2, "C:9")));
        assertEquals(1.0, r.get("seg"), 1e-12);
    }

    @Test
    void emptyReferenceIsAnInputError() {
        assertThrows(InputException.class, () -> ChordEvaluator.evaluate(List.of(), List.of(s(0, 1, "C"))));
    }

    @Test
    void datasetTotalIsDurationWeightedAndMeanIsPlain() {
        DatasetScores d = new DatasetScores();
        d.add("a", ChordEvaluator.score(List.of(s(0, 1, "C:maj")), List.of(s(0, 1, "C:maj"))));
        d.add("b", ChordEvaluator.score(List.of(s(0, 3, "C:maj")), List.of(s(0, 3, "G:maj"))));
        d.add("x", ChordEvaluator.score(List.of(s(0, 5, "X")), List.of(s(0, 5, "C:maj"))));
        assertEquals(0.25, d.total().get("root"), 1e-12, "1 s correct of 4 s counted; the X song counts nothing");
        assertEquals(1.0 / 3, d.mean().get("root"), 1e-12, "mean of 1, 0 and the X song's 0");
        var maj = d.perQuality().get("maj");
        assertEquals(4.0, maj.duration(), 1e-12);
        assertEquals(0.25, maj.accuracy("root"), 1e-12);
        assertEquals(5.0, d.perQuality().get("other").duration(), 1e-12);
        assertTrue(Double.isNaN(d.perQuality().get("other").accuracy("root")));
        assertEquals(List.of("maj", "other"), List.copyOf(d.perQuality().keySet()));
        // segmentation totals weight each song by its duration: (1*1 + 1*3 + 1*5) / 9
        assertEquals(1.0, d.total().get("seg"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> d.add("a", d.songs().get("a")));
    }

    @Test
    void perQualityUsesReferenceQuality() {
        SongScores r = ChordEvaluator.score(List.of(s(0, 1, "C:hdim7"), s(1, 3, "G:7"), s(3, 4, "N")),
                List.of(s(0, 1, "C:dim7"), s(1, 3, "G:7"), s(3, 4, "N")));
        assertEquals(0.0, r.qualities().get("hdim7").accuracy("tetrads"));
        assertEquals(1.0, r.qualities().get("7").accuracy("tetrads"));
        assertEquals(2.0, r.qualities().get("7").duration(), 1e-12);
        assertEquals(1.0, r.qualities().get("N").accuracy("root"));
    }
}
