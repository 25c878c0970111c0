package io.chordflow.chords.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from the table in mir_eval.key.weighted_score's definition. */
class KeyScoreTest {
    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "C major, C major, 1.0, 1.0",
        "C major, c MAJOR_IS_INVALID, -1, -1",
        "C# major, Db major, 1.0, 1.0",
        "C major, G major, 0.5, 0.5",     // fifth above
        "C major, F major, 0.0, 0.5",     // fifth below: MIREX since 2017 only
        "A minor, E minor, 0.5, 0.5",
        "C major, A minor, 0.3, 0.3",     // relative minor
        "A minor, C major, 0.3, 0.3",     // relative major
        "C major, C minor, 0.2, 0.2",     // parallel
        "C minor, C major, 0.2, 0.2",
        "C major, D major, 0.0, 0.0",
        "C major, G minor, 0.0, 0.0",
        "C major, E minor, 0.0, 0.0",
        "X, X, 1.0, 1.0",
        "X, C major, 0.0, 0.0",
        "C major, X, 0.0, 0.0",
        "C other, C other, 1.0, 1.0",
        "C other, C major, 0.2, 0.2",
    })
    void weightedScore(String ref, String est, double score, double mirexScore) {
        if (score < 0) {
            assertThrows(InputException.class, () -> Key.parse(est));
            return;
        }
        assertEquals(score, KeyScore.weighted(Key.parse(ref), Key.parse(est)));
        assertEquals(mirexScore, KeyScore.weighted(Key.parse(ref), Key.parse(est), true));
    }

    @Test
    void parsingIsCaseInsensitiveForTheTonicAndNamesBadInput() {
        assertEquals(new Key(3, Key.Mode.MINOR), Key.parse("eb minor"));
        assertEquals("key 'H major': tonic 'H' is invalid; should be e.g. D or C# or Eb",
                assertThrows(InputException.class, () -> Key.parse("H major")).getMessage());
        assertThrows(InputException.class, () -> Key.parse("C"));
        assertThrows(InputException.class, () -> Key.parse("X major"));
    }

    @Test
    void vocabularyOf25() {
        assertEquals(0, KeyVocabulary.index(Key.parse("C major")));
        assertEquals(19, KeyVocabulary.index(Key.parse("A minor")));
        assertEquals(24, KeyVocabulary.index(Key.UNKNOWN));
        assertEquals(24, KeyVocabulary.index(Key.parse("D other")));
        for (int i = 0; i < 25; i++) {
            assertEquals(i, KeyVocabulary.index(KeyVocabulary.key(i)));
        }
        assertEquals(KeyVocabulary.index(Key.parse("C# minor")), KeyVocabulary.transpose(KeyVocabulary.index(Key.parse("A# minor")), 3));
        assertEquals(24, KeyVocabulary.transpose(24, 3));
    }
}
