package io.chordflow.segments.decode;

import io.chordflow.segments.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled segments from frame-level structure outputs: a boundary probability {@code b[t]} and
 * seven function probabilities {@code p[t][c]} per frame of {@code hop} seconds (paper 2's
 * structure head).
 *
 * <p>Boundaries: frame {@code t} is a boundary when {@code b[t] >= threshold}, {@code b[t]} is
 * strictly greater than every value in the {@code w} frames before it and at least every value
 * in the {@code w} frames after it (so a flat top gives one boundary, at its first frame);
 * frame 0 and the end are always boundaries. Labels: each segment {@code [t_i, t_{i+1})} takes
 * the function with the highest mean probability over its frames,
 * {@code argmax_c (1 / n) sum_t p[t][c]}. Segment times are {@code t * hop}; the last segment
 * ends at the song's duration.
 */
public final class StructureDecoder {
    private final StructureSettings settings;

    public StructureDecoder(StructureSettings settings) {
        this.settings = settings;
    }

    /** Frames where the boundary curve peaks over the threshold (never frame 0). */
    public int[] boundaryFrames(double[] boundary) {
        int w = settings.peakWindowFrames();
        List<Integer> out = new ArrayList<>();
        for (int t = 1; t < boundary.length; t++) {
            double v = boundary[t];
            if (!(v >= settings.threshold())) {
                continue;
            }
            boolean peak = true;
            for (int k = Math.max(0, t - w); k < t && peak; k++) {
                peak = v > boundary[k];
            }
            for (int k = t + 1; k <= Math.min(boundary.length - 1, t + w) && peak; k++) {
                peak = v >= boundary[k];
            }
            if (peak) {
                out.add(t);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Segments labelled with {@link SectionFunction#label()}; {@code durationSeconds} is where the
     * last one ends (at least the end of the last frame's start, {@code (n - 1) * hop}).
     */
    public List<Segment> decode(double[] boundary, double[][] functions, double durationSeconds) {
        int n = boundary.length;
        if (functions.length != n) {
            throw new IllegalArgumentException(n + " boundary frames but " + functions.length + " function frames");
        }
        if (n == 0) {
            return List.of();
        }
        int classes = SectionFunction.values().length;
        for (double[] row : functions) {
            if (row.length != classes) {
                throw new IllegalArgumentException("expected " + classes + " function probabilities per frame, got " + row.length);
            }
        }
        double hop = settings.hopSeconds();
        double end = Math.max(durationSeconds, (n - 1) * hop);
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        for (int t : boundaryFrames(boundary)) {
            if (t * hop < end) {
                cuts.add(t);
            }
        }
        cuts.add(n);
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            int from = cuts.get(i);
            int to = cuts.get(i + 1);
            double start = from * hop;
            double stop = i + 2 == cuts.size() ? end : to * hop;
            if (stop > start) {
                out.add(new Segment(start, stop, label(functions, from, to)));
            }
        }
        return out;
    }

    /** The function with the highest mean probability over frames {@code [from, to)}; ties to the first. */
    static String label(double[][] functions, int from, int to) {
        SectionFunction[] all = SectionFunction.values();
        double[] sum = new double[all.length];
        for (int t = from; t < to; t++) {
            for (int c = 0; c < all.length; c++) {
                sum[c] += functions[t][c];
            }
        }
        int best = 0;
        for (int c = 1; c < all.length; c++) {
            if (sum[c] > sum[best]) {
                best = c;
            }
        }
        return all[best].label();
    }
}
