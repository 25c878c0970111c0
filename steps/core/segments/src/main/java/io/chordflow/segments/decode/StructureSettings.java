package io.chordflow.segments.decode;

/**
 * Settings of {@link StructureDecoder}.
 *
 * @param hopSeconds frame hop of the model's outputs (paper 2: 0.192 s)
 * @param threshold a boundary needs at least this probability
 * @param peakWindowSeconds a boundary is the highest value within this many seconds either side,
 *     so two boundaries are always more than this apart
 */
public record StructureSettings(double hopSeconds, double threshold, double peakWindowSeconds) {
    public StructureSettings {
        if (!(hopSeconds > 0) || !(threshold >= 0 && threshold <= 1) || !(peakWindowSeconds >= 0)) {
            throw new IllegalArgumentException("need hopSeconds > 0, 0 <= threshold <= 1, peakWindowSeconds >= 0");
        }
    }

    /**
     * Paper 2's frame hop with chordflow's defaults (the paper gives no decoding settings; tune
     * them on the validation set): threshold 0.5, peaks at least 3 s apart.
     */
    public static StructureSettings paper2() {
        return new StructureSettings(0.192, 0.5, 3.0);
    }

    /** The peak window in frames, {@code round(peakWindowSeconds / hopSeconds)}. */
    int peakWindowFrames() {
        return (int) Math.round(peakWindowSeconds / hopSeconds);
    }
}
