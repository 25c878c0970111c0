package io.chordflow.chords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VocabularyTest {
    @ParameterizedTest
    @CsvSource({
        "C:min,0", "C:maj,1", "C,1", "C:dim,2", "C:aug,3", "C:min6,4", "C:maj6,5", "C:min7,6", "C:minmaj7,7",
        "C:maj7,8", "C:7,9", "C:dim7,10", "C:hdim7,11", "C:sus2,12", "C:sus4,13",
        "C#:min,14", "Db:min,14", "B:sus4,167", "X,168", "N,169",
        // reductions: extended -> seventh chord, bass ignored, spelled intervals matched
        "D:9,37", "D:min9,34", "D:maj13,36", "D:min11,34", "G:maj/3,99", "A:min7/b7,132",
        "C:min(6),4", "'C:(1,b3,5)',0", "C:maj(9),1", "C:maj(*5),1",
        // outside the 14 qualities
        "C:5,168", "C:1,168", "C:aug7,168", "C:(1),168", "'C:(1,4)',168",
        // non-Harte shorthands some datasets use
        "E:4,69", "E:6,61",
    })
    void largeVocabularyFollowsBtcOrder(String label, int index) {
        assertEquals(index, Vocabulary.LARGE.index(label), label);
    }

    @Test
    void largeLabelsRoundTrip() {
        for (int i = 0; i < 170; i++) {
            assertEquals(i, Vocabulary.LARGE.index(Vocabulary.LARGE.label(i)), Vocabulary.LARGE.label(i));
        }
        assertEquals("F#:hdim7", Vocabulary.LARGE.label(6 * 14 + 11));
    }

    @ParameterizedTest
    @CsvSource({"C:maj,0", "C:min,1", "C:7,0", "C:min7,1", "C:dim,1", "C:aug,0", "C:hdim7,1", "B:maj,22", "B:min,23",
        "C:sus4,24", "C:5,24", "N,24", "X,24"})
    void majMinVocabularyByTheThird(String label, int index) {
        assertEquals(index, Vocabulary.MAJMIN.index(label), label);
    }

    @Test
    void transpositionMovesRootsAndKeepsNoChord() {
        int cMin7 = Vocabulary.LARGE.index("C:min7");
        assertEquals(Vocabulary.LARGE.index("D:min7"), Vocabulary.LARGE.transpose(cMin7, 2));
        assertEquals(Vocabulary.LARGE.index("A#:min7"), Vocabulary.LARGE.transpose(cMin7, -2));
        assertEquals(169, Vocabulary.LARGE.transpose(169, 5));
        assertEquals(168, Vocabulary.LARGE.transpose(168, 5));
        assertEquals(Vocabulary.MAJMIN.index("F:min"), Vocabulary.MAJMIN.transpose(Vocabulary.MAJMIN.index("C:min"), 5));
        assertEquals(24, Vocabulary.MAJMIN.transpose(24, 3));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.LARGE.transpose(170, 1));
    }

    @Test
    void reductionLargeToMajMin() {
        int[] map = Vocabulary.reduction(Vocabulary.LARGE, Vocabulary.MAJMIN);
        assertEquals(170, map.length);
        assertEquals(Vocabulary.MAJMIN.index("D:min"), map[Vocabulary.LARGE.index("D:min7")]);
        assertEquals(24, map[168]);
        assertEquals(24, map[169]);
    }
}
