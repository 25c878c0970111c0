package io.chordflow.segments.eval;

import io.chordflow.common.SortedSearch;
import io.chordflow.common.InputException;
import io.chordflow.segments.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Intervals and labels as mir_eval's segment functions take them ({@code (n, 2)} array plus a
 * label list), with the interval helpers of {@code mir_eval.util} they use. Unlike
 * {@link Segment}, an interval here may have zero length: {@code adjust_intervals} can make one,
 * and the scores then reject it as mir_eval does.
 */
public record Timeline(double[] starts, double[] ends, List<String> labels) {
    /** {@code adjust_intervals}' label for time added before the first interval. */
    public static final String T_MIN = "__T_MIN";
    /** {@code adjust_intervals}' label for time added after the last interval. */
    public static final String T_MAX = "__T_MAX";

    public Timeline {
        if (starts.length != ends.length || starts.length != labels.size()) {
            throw new IllegalArgumentException("starts, ends and labels differ in length");
        }
        labels = List.copyOf(labels);
    }

    public static Timeline of(List<Segment> segments) {
        return new Timeline(segments.stream().mapToDouble(Segment::start).toArray(),
                segments.stream().mapToDouble(Segment::end).toArray(), segments.stream().map(Segment::label).toList());
    }

    public int size() {
        return starts.length;
    }

    public boolean isEmpty() {
        return starts.length == 0;
    }

    /** Smallest of all start and end times ({@code intervals.min()}). */
    double min() {
        return Math.min(Arrays.stream(starts).min().orElse(Double.NaN), Arrays.stream(ends).min().orElse(Double.NaN));
    }

    /** Largest of all start and end times ({@code intervals.max()}). */
    double max() {
        return Math.max(Arrays.stream(starts).max().orElse(Double.NaN), Arrays.stream(ends).max().orElse(Double.NaN));
    }

    /**
     * {@code util.adjust_intervals(intervals, labels, t_min, t_max, "__T_MIN", "__T_MAX")}: drop
     * intervals wholly before {@code tMin} or starting after {@code tMax}, clamp the rest into
     * range, and add a {@code __T_MIN} / {@code __T_MAX} interval where the range is not covered.
     * {@code tMax} may be null (no upper adjustment).
     */
    public Timeline adjust(double tMin, Double tMax) {
        if (tMax != null && isEmpty()) {
            return new Timeline(new double[] {tMin}, new double[] {tMax}, List.of(T_MIN));
        }
        if (isEmpty()) {
            throw new InputException("supplied intervals are empty, cannot append new intervals");
        }
        List<double[]> iv = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            iv.add(new double[] {starts[i], ends[i]});
        }
        List<String> lab = new ArrayList<>(labels);
        int first = 0;
        while (first < iv.size() && !(iv.get(first)[1] >= tMin)) {
            first++;
        }
        if (first < iv.size()) {
            iv = new ArrayList<>(iv.subList(first, iv.size()));
            lab = new ArrayList<>(lab.subList(first, lab.size()));
        }
        for (double[] x : iv) {
            x[0] = Math.max(tMin, x[0]);
            x[1] = Math.max(tMin, x[1]);
        }
        double lo = iv.stream().mapToDouble(x -> Math.min(x[0], x[1])).min().orElseThrow();
        if (lo > tMin) {
            iv.add(0, new double[] {tMin, lo});
            lab.add(0, T_MIN);
        }
        if (tMax != null) {
            int last = 0;
            while (last < iv.size() && !(iv.get(last)[0] > tMax)) {
                last++;
            }
            iv = new ArrayList<>(iv.subList(0, last));
            lab = new ArrayList<>(lab.subList(0, last));
            if (iv.isEmpty()) {
                throw new InputException("no interval starts at or before " + tMax + " s");
            }
            for (double[] x : iv) {
                x[0] = Math.min(tMax, x[0]);
                x[1] = Math.min(tMax, x[1]);
            }
            double hi = iv.stream().mapToDouble(x -> Math.max(x[0], x[1])).max().orElseThrow();
            if (hi < tMax) {
                iv.add(new double[] {hi, tMax});
                lab.add(T_MAX);
            }
        }
        return new Timeline(iv.stream().mapToDouble(x -> x[0]).toArray(), iv.stream().mapToDouble(x -> x[1]).toArray(), lab);
    }

    /** {@code util.validate_intervals}: no negative times, every interval longer than 0. */
    void validate(String what) {
        for (int i = 0; i < size(); i++) {
            if (starts[i] < 0 || ends[i] < 0) {
                throw new InputException(what + ": negative interval time at interval " + i);
            }
            if (ends[i] <= starts[i]) {
                throw new InputException(what + ": interval " + i + " [" + starts[i] + ", " + ends[i] + "] is not longer than 0 s");
            }
        }
    }

    /**
     * {@code util.intervals_to_boundaries(intervals, q=5)}: every start and end time rounded to
     * 5 decimals ({@code rint(x * 1e5) / 1e5}, numpy's rounding), sorted, duplicates removed.
     */
    double[] boundaries() {
        double[] all = new double[2 * size()];
        for (int i = 0; i < size(); i++) {
            all[2 * i] = Math.rint(starts[i] * 1e5) / 1e5;
            all[2 * i + 1] = Math.rint(ends[i] * 1e5) / 1e5;
        }
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    /**
     * {@code util.intervals_to_samples(intervals, labels, sample_size=frame)[1]}: labels at
     * {@code floor(max / frame)} sample times {@code i * frame}, computed in float32 as mir_eval
     * does ({@code np.arange(n, dtype=float32) * frame}); a time inside several intervals takes
     * the last one's label (both ends inclusive), a time in none takes {@code None}.
     */
    String[] sample(double frame) {
        int n = (int) Math.floor(max() / frame);
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = (float) ((float) i * (float) frame);
        }
        String[] out = new String[n];
        Arrays.fill(out, "None");
        for (int k = 0; k < size(); k++) {
            int from = SortedSearch.lowerBound(times, starts[k]);
            int to = SortedSearch.upperBound(times, ends[k]);
            for (int i = from; i < to; i++) {
                out[i] = labels.get(k);
            }
        }
        return out;
    }


}
