package io.chordflow.chords.eval;

import io.chordflow.common.SortedSearch;
import io.chordflow.chords.Chord;
import io.chordflow.chords.ChordSegment;
import io.chordflow.common.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** mir_eval's segmentation scores: over-, under-segmentation and their minimum. */
final class Segmentation {
    private Segmentation() {
    }

    /**
     * {@code chord.merge_chord_intervals}: joins neighbours that encode to the same chord, with
     * extended chords reduced (C:9 and C:7(9) are one segment).
     */
    static double[][] mergeChordIntervals(List<ChordSegment> segments) {
        List<double[]> out = new ArrayList<>();
        Chord prev = null;
        java.util.Map<String, Chord> encoded = new java.util.HashMap<>(); // a song has few distinct labels
        for (ChordSegment s : segments) {
            Chord c = encoded.computeIfAbsent(s.label(), l -> Chord.encode(l, true));
            if (!c.equals(prev)) {
                prev = c;
                out.add(new double[] {s.start(), s.end()});
            } else {
                out.get(out.size() - 1)[1] = s.end();
            }
        }
        return out.toArray(new double[0][]);
    }

    /**
     * {@code chord.directional_hamming_distance(reference, estimated)}: for each reference
     * interval, the part not covered by its largest estimated sub-segment, over the span.
     */
    static double directionalHammingDistance(double[][] reference, double[][] estimated) {
        validate(estimated);
        validate(reference);
        for (int i = 1; i < reference.length; i++) {
            if (reference[i - 1][1] > reference[i][0]) {
                throw new InputException("chord intervals must not overlap");
            }
        }
        double[] estTimes = Arrays.stream(estimated).flatMapToDouble(Arrays::stream).sorted().distinct().toArray();
        double seg = 0;
        for (double[] r : reference) {
            double start = r[0];
            double end = r[1];
            double longest = 0;
            double prev = start;
            int i = SortedSearch.lowerBound(estTimes, start);
            for (; i < estTimes.length && estTimes[i] < end; i++) {
                longest = Math.max(longest, estTimes[i] - prev);
                prev = estTimes[i];
            }
            longest = Math.max(longest, end - prev);
            seg += (end - start) - longest;
        }
        return seg / (reference[reference.length - 1][1] - reference[0][0]);
    }


    private static void validate(double[][] intervals) {
        for (double[] iv : intervals) {
            if (iv[0] < 0 || iv[1] < 0) {
                throw new InputException("negative interval times found");
            }
            if (iv[0] > iv[1]) {
                throw new InputException("all interval durations must be non-negative");
            }
        }
    }

    static double overseg(double[][] ref, double[][] est) {
        return 1 - directionalHammingDistance(ref, est);
    }

    static double underseg(double[][] ref, double[][] est) {
        return 1 - directionalHammingDistance(est, ref);
    }
}
