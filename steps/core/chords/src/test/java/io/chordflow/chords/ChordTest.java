package io.chordflow.chords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChordTest {
    private static int bits(int... semitones) {
        int b = 0;
        for (int s : semitones) {
            b |= 1 << s;
        }
        return b;
    }

    @Test
    void splitsLikeMirEval() {
        assertEquals(new HarteLabel("C", "maj", Set.of(), "1"), HarteLabel.parse("C"));
        assertEquals(new HarteLabel("G#", "min", Set.of("*b3", "*5"), "5"), HarteLabel.parse("G#:min(*b3,*5)/5"));
        assertEquals(new HarteLabel("A", "", Set.of("3"), "6"), HarteLabel.parse("A:(3)/6"));
        assertEquals(new HarteLabel("Bbb", "maj", Set.of(), "1"), HarteLabel.parse("Bbb"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // label; root; semitones (space separated); bass
        "B:maj(*1,*3)/5; 11; 7; 7",
        "G:dim; 7; 0 3 6; 0",
        "C:(3)/3; 0; 0 4; 4",
        "A#:minmaj7; 10; 0 3 7 11; 0",
        "C:maj; 0; 0 4 7; 0",
        "Db:min7/b7; 1; 0 3 7 10; 10",
        "E:hdim7; 4; 0 3 6 10; 0",
        "F:dim7; 5; 0 3 6 9; 0",
        "G:aug; 7; 0 4 8; 0",
        "A:sus2; 9; 0 2 7; 0",
        "A:sus4; 9; 0 5 7; 0",
        "C:maj6; 0; 0 4 7 9; 0",
        "C:min6; 0; 0 3 7 9; 0",
        "C:9; 0; 0 4 7 10; 0",
        "C:maj9; 0; 0 4 7 11; 0",
        "C:min9; 0; 0 3 7 10; 0",
        "C:11; 0; 0 4 7 10; 0",
        "C:min11; 0; 0 3 7 10; 0",
        "C:13; 0; 0 4 7 10; 0",
        "C:maj13; 0; 0 4 7 11; 0",
        "C:min13; 0; 0 3 7 10; 0",
        "C:aug7; 0; 0 4 8 10; 0",
        "C:1; 0; 0; 0",
        "C:5; 0; 0 7; 0",
        "C:maj(9); 0; 0 4 7; 0",
        "C:maj/2; 0; 0 2 4 7; 2",
        "C:(1,b3,5); 0; 0 3 7; 0",
        "C:min(*b3); 0; 0 7; 0",
        "C##:maj; 2; 0 4 7; 0",
        "Cbbb:maj; 9; 0 4 7; 0",
        "B#:maj; 0; 0 4 7; 0",
        "C:maj/b1; 0; 0 4 7 11; 11",
    })
    void encodesLikeMirEval(String label, int root, String semitones, int bass) {
        Chord c = Chord.parse(label);
        int[] s = java.util.Arrays.stream(semitones.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        assertEquals(new Chord(root, bits(s), bass, false), c, label);
    }

    @Test
    void noChordAndUnknown() {
        assertEquals(Chord.NO_CHORD, Chord.parse("N"));
        assertTrue(Chord.parse("X").unknown());
        assertEquals(0xFFF, Chord.parse("X").absolutePitchClasses(), "mir_eval rotates X's all -1 bitmap to all twelve");
        assertEquals(0, Chord.parse("N").absolutePitchClasses());
    }

    @Test
    void reductionFoldsUpperVoicesIntoTheOctave() {
        assertEquals(bits(0, 2, 4, 7, 10), Chord.encode("C:9", true).bitmap());
        assertEquals(bits(0, 2, 4, 5, 7, 9, 10), Chord.encode("C:13", true).bitmap());
        assertEquals(bits(0, 3, 7, 11), Chord.encode("C:minmaj7", true).bitmap());
        assertEquals(Chord.encode("C:7(9)", true), Chord.encode("C:9", true));
    }

    @Test
    void absolutePitchClassesRotateToTheRoot() {
        assertEquals(bits(7, 11, 2), Chord.parse("G:maj").absolutePitchClasses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"H:maj", "C:", "C:major", "c:maj", "C:maj(14)", "C:maj/", "C:b9", "C:#11", "C:maj(3", "", "N:maj", "C/0", "C:(*3)x"})
    void rejectsInvalidLabelsNamingThem(String label) {
        InvalidChordException e = assertThrows(InvalidChordException.class, () -> Chord.parse(label));
        assertTrue(e.getMessage().contains("'" + label + "'"), e.getMessage());
        assertFalse(HarteLabel.isValid(label));
    }

    @Test
    void omissionWithoutQualityIsInvalid() {
        assertThrows(InvalidChordException.class, () -> Chord.parse("C(*3)"));
    }
}
