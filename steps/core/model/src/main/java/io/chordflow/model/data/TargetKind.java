package io.chordflow.model.data;

import io.chordflow.common.InputException;
import java.util.Locale;

/** What the training targets are: ground-truth {@code .lab}, hard pseudo-labels (int32 .npy), soft pseudo-labels (float16/32 .npy). */
public enum TargetKind {
    LAB, HARD, SOFT;

    public static TargetKind parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("--target-kind: expected lab, hard or soft, got '" + s + "'");
        }
    }
}
