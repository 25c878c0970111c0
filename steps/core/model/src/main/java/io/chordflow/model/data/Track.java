package io.chordflow.model.data;

/**
 * One song for training: raw (unnormalised) features {@code [frames, featureSize]} row-major,
 * and its targets: hard class indices per frame, or soft probabilities {@code [frames, classes]}
 * (exactly one of them is non-null). {@code pseudo}: the targets are a teacher's pseudo-labels (the
 * noisy student's augmentation can be limited to these songs, {@code augment_pseudo_only}).
 */
public record Track(String id, float[] features, int frames, int featureSize, int[] hard, float[] soft, int classes,
                    boolean pseudo) {
    /** A track with ground-truth targets. */
    public Track(String id, float[] features, int frames, int featureSize, int[] hard, float[] soft, int classes) {
        this(id, features, frames, featureSize, hard, soft, classes, false);
    }

    public Track {
        if (features.length != frames * featureSize) {
            throw new IllegalArgumentException(id + ": " + features.length + " feature values for " + frames + "x" + featureSize);
        }
        if ((hard == null) == (soft == null)) {
            throw new IllegalArgumentException(id + ": exactly one of hard or soft targets");
        }
        if (hard != null && hard.length != frames) {
            throw new IllegalArgumentException(id + ": " + hard.length + " labels for " + frames + " frames");
        }
        if (soft != null && soft.length != frames * classes) {
            throw new IllegalArgumentException(id + ": " + soft.length + " probabilities for " + frames + "x" + classes);
        }
    }

    /** The same song with its targets as probabilities (hard labels become one-hot), to mix with soft-labelled songs. */
    public Track asSoft() {
        if (soft != null) {
            return this;
        }
        float[] q = new float[frames * classes];
        for (int t = 0; t < frames; t++) {
            q[t * classes + hard[t]] = 1;
        }
        return new Track(id, features, frames, featureSize, null, q, classes, pseudo);
    }

    /** The same song under another id. */
    public Track withId(String newId) {
        return new Track(newId, features, frames, featureSize, hard, soft, classes, pseudo);
    }

    /** The same song marked as pseudo-labelled (or not). */
    public Track withPseudo(boolean isPseudo) {
        return new Track(id, features, frames, featureSize, hard, soft, classes, isPseudo);
    }

    /** The hard target of frame {@code t} (argmax of the soft target when soft). */
    public int label(int t) {
        if (hard != null) {
            return hard[t];
        }
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (soft[t * classes + k] > soft[t * classes + best]) {
                best = k;
            }
        }
        return best;
    }
}
