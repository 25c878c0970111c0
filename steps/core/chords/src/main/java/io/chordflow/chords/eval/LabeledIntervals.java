package io.chordflow.chords.eval;

import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.HarteLabel;
import io.chordflow.common.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interval arithmetic from {@code mir_eval.util}, kept line-for-line equivalent because the
 * scores depend on its exact edge behaviour (clamping, which label a gap inherits).
 */
final class LabeledIntervals {
    private LabeledIntervals() {
    }

    /** Pieces of the merged timeline with the label each side has there. */
    record Merged(double[] starts, double[] ends, String[] ref, String[] est) {
        int size() {
            return starts.length;
        }
    }

    /**
     * {@code util.adjust_intervals(est, t_min, t_max, N, N)}: drop what lies outside
     * [tMin, tMax], clamp what crosses it, and pad uncovered ends with N.
     */
    static List<ChordSegment> adjust(List<ChordSegment> segments, double tMin, double tMax) {
        if (segments.isEmpty()) {
            return List.of(new ChordSegment(tMin, tMax, HarteLabel.NO_CHORD));
        }
        List<double[]> iv = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (ChordSegment s : segments) {
            iv.add(new double[] {s.start(), s.end()});
            labels.add(s.label());
        }
        // intervals that end at or after tMin, clamped from below
        int first = 0;
        while (first < iv.size() && !(iv.get(first)[1] >= tMin)) {
            first++;
        }
        if (first < iv.size()) {
            iv = new ArrayList<>(iv.subList(first, iv.size()));
            labels = new ArrayList<>(labels.subList(first, labels.size()));
        }
        for (double[] x : iv) {
            x[0] = Math.max(tMin, x[0]);
            x[1] = Math.max(tMin, x[1]);
        }
        double min = iv.stream().mapToDouble(x -> Math.min(x[0], x[1])).min().orElseThrow();
        if (min > tMin) {
            iv.add(0, new double[] {tMin, min});
            labels.add(0, HarteLabel.NO_CHORD);
        }
        // intervals that start at or before tMax, clamped from above
        int last = 0;
        while (last < iv.size() && !(iv.get(last)[0] > tMax)) {
            last++;
        }
        iv = new ArrayList<>(iv.subList(0, last));
        labels = new ArrayList<>(labels.subList(0, last));
        for (double[] x : iv) {
            x[0] = Math.min(tMax, x[0]);
            x[1] = Math.min(tMax, x[1]);
        }
        double max = iv.stream().mapToDouble(x -> Math.max(x[0], x[1])).max().orElseThrow();
        if (max < tMax) {
            iv.add(new double[] {max, tMax});
            labels.add(HarteLabel.NO_CHORD);
        }
        List<ChordSegment> out = new ArrayList<>(iv.size());
        for (int i = 0; i < iv.size(); i++) {
            out.add(new ChordSegment(iv.get(i)[0], iv.get(i)[1], labels.get(i)));
        }
        return out;
    }

    /**
     * {@code util.merge_labeled_intervals}: cut both at the union of their boundaries; each
     * piece takes, from each side, the label of the last interval starting at or before it.
     */
    static Merged merge(List<ChordSegment> ref, List<ChordSegment> est) {
        if (ref.get(0).start() != est.get(0).start() || ref.get(ref.size() - 1).end() != est.get(est.size() - 1).end()) {
            throw new InputException("reference and estimate spans do not align after adjustment");
        }
        double[] bounds = new double[2 * (ref.size() + est.size())];
        int k = 0;
        for (List<ChordSegment> side : List.of(ref, est)) {
            for (ChordSegment s : side) {
                bounds[k++] = s.start();
                bounds[k++] = s.end();
            }
        }
        Arrays.sort(bounds);
        int unique = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (i == 0 || bounds[i] != bounds[unique - 1]) {
                bounds[unique++] = bounds[i];
            }
        }
        int n = Math.max(0, unique - 1);
        double[] starts = Arrays.copyOf(bounds, n);
        double[] ends = Arrays.copyOfRange(bounds, 1, n + 1);
        return new Merged(starts, ends, labelsAt(ref, starts), labelsAt(est, starts));
    }

    private static String[] labelsAt(List<ChordSegment> side, double[] times) {
        String[] out = new String[times.length];
        int idx = -1;
        for (int i = 0; i < times.length; i++) {
            while (idx + 1 < side.size() && side.get(idx + 1).start() <= times[i]) {
                idx++;
            }
            out[i] = side.get(Math.max(idx, 0)).label();
        }
        return out;
    }
}
