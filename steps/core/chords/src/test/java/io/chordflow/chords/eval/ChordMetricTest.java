package io.chordflow.chords.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chordflow.chords.Chord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label pairs per metric, worked out by hand from mir_eval's definitions (1, 0, or -1 = not counted). */
class ChordMetricTest {
    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource(delimiter = ';', value = {
        // ref; est; thirds thirds_inv triads triads_inv tetrads tetrads_inv root mirex majmin majmin_inv sevenths sevenths_inv
        "C:maj; C:maj;     1 1 1 1 1 1 1 1 1 1 1 1",
        "C:maj; C:7;       1 1 1 1 0 0 1 1 1 1 0 0",
        "C:min; C:dim;     1 1 0 0 0 0 1 0 0 0 0 0",
        "C:maj/3; C:maj;   1 0 1 0 1 0 1 1 1 0 1 0",
        "C:maj/5; C:maj/5; 1 1 1 1 1 1 1 1 1 1 1 1",
        "N; N;             1 1 1 1 1 1 1 1 1 1 1 1",
        "N; C:maj;         0 0 0 0 0 0 0 0 0 0 0 0",
        "X; C:maj;         -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1",
        "X; X;             -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1",
        // an X estimate shares every pitch class under mirex, as mir_eval rotates its -1 bitmap
        "C:maj; X;         0 0 0 0 0 0 0 1 0 0 0 0",
        // N and X both have root -1: root and mirex call it correct, the bitmaps differ
        "N; X;             0 0 0 0 0 0 1 1 0 0 0 0",
        // sus and power chords are outside majmin and sevenths; a dyad is outside mirex
        "C:sus4; C:sus4;   1 1 1 1 1 1 1 1 -1 -1 -1 -1",
        "C:5; C:maj;       1 1 0 0 0 0 1 -1 -1 -1 -1 -1",
        // majmin looks only up to the fifth, so a min7 reference counts as minor
        "C:min7; C:min;    1 1 1 1 0 0 1 1 1 1 0 0",
        "C:maj; A:min;     0 0 0 0 0 0 0 0 0 0 0 0",
        "C:maj6; A:min7;   0 0 0 0 0 0 0 1 0 0 -1 -1",
        "C:maj/2; C:maj/2; 1 1 1 1 1 1 1 1 -1 -1 -1 -1",
        "C:hdim7; C:dim7;  1 1 1 1 0 0 1 1 -1 -1 -1 -1",
        "C:9; C:7;         1 1 1 1 1 1 1 1 1 1 1 1",
        "C:maj; C#:maj;    0 0 0 0 0 0 0 0 0 0 0 0",
    })
    void comparesLikeMirEval(String ref, String est, String expected) {
        String[] e = expected.trim().split("\\s+");
        ChordMetric[] metrics = ChordMetric.values();
        for (int i = 0; i < metrics.length; i++) {
            assertEquals(Integer.parseInt(e[i]), metrics[i].compare(Chord.parse(ref), Chord.parse(est)), metrics[i].key());
        }
    }
}
