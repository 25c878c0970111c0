package io.chordflow.model.data;

import io.chordflow.common.InputException;
import java.util.Locale;

/**
 * What the training targets are: ground-truth {@code .lab}, hard pseudo-labels (int32 .npy), soft
 * pseudo-labels (float16/32 .npy), or the song's key ({@code .key}, mir_eval format, one line
 * {@code "C# major"}; every frame's target is that key; key models only).
 */
public enum TargetKind {
    LAB, HARD, SOFT, KEY;

    /** Whether targets of this kind come from a teacher. */
    public boolean pseudo() {
        return this == HARD || this == SOFT;
    }

    public static TargetKind parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("--target-kind: expected lab, hard, soft or key, got '" + s + "'");
        }
    }
}
