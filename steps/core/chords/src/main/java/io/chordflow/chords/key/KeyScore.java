package io.chordflow.chords.key;

/**
 * {@code mir_eval.key.weighted_score}: 1 same key, 0.5 the estimate a perfect fifth above
 * (or below too, with {@code allowDescendingFifths}, as MIREX scores since 2017), 0.3 relative
 * major/minor, 0.2 parallel major/minor, 0 otherwise.
 */
public final class KeyScore {
    private KeyScore() {
    }

    public static double weighted(Key reference, Key estimate, boolean allowDescendingFifths) {
        if (reference.tonic() == estimate.tonic() && reference.mode() == estimate.mode()) {
            return 1.0;
        }
        if (reference.tonic() < 0 || estimate.tonic() < 0) {
            return 0.0;
        }
        int up = Math.floorMod(estimate.tonic() - reference.tonic(), 12);
        boolean sameMode = estimate.mode() == reference.mode();
        if (sameMode && up == 7) {
            return 0.5;
        }
        if (allowDescendingFifths && sameMode && up == 5) {
            return 0.5;
        }
        if (!sameMode && reference.mode() == Key.Mode.MAJOR && up == 9) {
            return 0.3;
        }
        if (!sameMode && reference.mode() == Key.Mode.MINOR && up == 3) {
            return 0.3;
        }
        if (!sameMode && up == 0) {
            return 0.2;
        }
        return 0.0;
    }

    /** With mir_eval's current default ({@code allow_descending_fifths=False}). */
    public static double weighted(Key reference, Key estimate) {
        return weighted(reference, estimate, false);
    }
}
