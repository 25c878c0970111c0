package io.chordflow.segments.eval;

import io.chordflow.beats.eval.EventMatching;
import io.chordflow.common.InputException;
import io.chordflow.segments.Segment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mir_eval.segment}'s boundary and pairwise scores, equal to mir_eval within 1e-9 on its
 * own fixtures.
 *
 * <ul>
 * <li>{@link #detection}: boundaries are all interval ends rounded to 5 decimals, without the
 *     first and last when {@code trim}; {@code m} = maximum matching of reference to estimated
 *     boundaries within {@code window} s; {@code P = m / |est|}, {@code R = m / |ref|},
 *     {@code F = (1 + b^2) P R / (b^2 P + R)}; 0 when a side has no boundaries. Paper 2's HR.5F
 *     is {@code F} at 0.5 s; the 3 s hit rate is the same at 3 s.</li>
 * <li>{@link #deviation}: medians of the distance from each reference boundary to its nearest
 *     estimated one and back.</li>
 * <li>{@link #pairwise}: both annotations are sampled every {@code frame} s (0.1); over all pairs
 *     of samples, precision = pairs with the same label in both / pairs with the same estimated
 *     label, recall = the same / pairs with the same reference label; labels compare
 *     case-insensitively.</li>
 * </ul>
 * {@link #evaluate} adjusts both as {@code segment.evaluate} does first: the reference to start
 * at 0 (a {@code __T_MIN} segment if needed), the estimate to the reference's span.
 */
public final class SegmentMetrics {
    /** Paper 2's boundary window (HR.5F). */
    public static final double WINDOW = 0.5;
    /** The second window {@code segment.evaluate} reports. */
    public static final double WIDE_WINDOW = 3.0;
    /** {@code pairwise}' default sampling step. */
    public static final double FRAME = 0.1;

    private SegmentMetrics() {
    }

    /** Precision, recall and F-measure. */
    public record Prf(double precision, double recall, double f) {
    }

    /** {@code segment.detection(ref, est, window, beta, trim)}. */
    public static Prf detection(Timeline ref, Timeline est, double window, double beta, boolean trim) {
        double[] r = boundaries(ref, trim, "reference intervals");
        double[] e = boundaries(est, trim, "estimated intervals");
        if (r.length == 0 || e.length == 0) {
            return new Prf(0, 0, 0);
        }
        int m = EventMatching.count(r, e, window);
        double precision = (double) m / e.length;
        double recall = (double) m / r.length;
        return new Prf(precision, recall, EventMatching.fMeasure(precision, recall, beta));
    }

    /** {@code validate_boundary}'s interval check, then the boundaries, without the first and last when {@code trim}. */
    private static double[] boundaries(Timeline t, boolean trim, String what) {
        t.validate(what);
        double[] b = t.boundaries();
        if (!trim) {
            return b;
        }
        return b.length < 2 ? new double[0] : Arrays.copyOfRange(b, 1, b.length - 1);
    }

    /** {@code segment.deviation(ref, est, trim)}: {reference-to-estimate, estimate-to-reference}; NaN when a side has no boundaries. */
    public static double[] deviation(Timeline ref, Timeline est, boolean trim) {
        double[] r = boundaries(ref, trim, "reference intervals");
        double[] e = boundaries(est, trim, "estimated intervals");
        if (r.length == 0 || e.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {median(nearest(r, e)), median(nearest(e, r))};
    }

    private static double[] nearest(double[] from, double[] to) {
        double[] out = new double[from.length];
        for (int i = 0; i < from.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (double t : to) {
                best = Math.min(best, Math.abs(from[i] - t));
            }
            out[i] = best;
        }
        return out;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** {@code segment.pairwise(ref, est, frame_size, beta)}. */
    public static Prf pairwise(Timeline ref, Timeline est, double frame, double beta) {
        validateStructure(ref, est);
        if (ref.isEmpty() || est.isEmpty()) {
            return new Prf(0, 0, 0);
        }
        String[] yRef = ref.sample(frame);
        String[] yEst = est.sample(frame);
        if (yRef.length != yEst.length) {
            throw new InputException("reference and estimate sample to " + yRef.length + " and " + yEst.length + " frames; adjust them to one span first");
        }
        Map<String, Long> refCounts = new HashMap<>();
        Map<String, Long> estCounts = new HashMap<>();
        Map<String, Long> jointCounts = new HashMap<>();
        for (int i = 0; i < yRef.length; i++) {
            String r = yRef[i].toLowerCase(Locale.ROOT);
            String e = yEst[i].toLowerCase(Locale.ROOT);
            refCounts.merge(r, 1L, Long::sum);
            estCounts.merge(e, 1L, Long::sum);
            jointCounts.merge(r + '\u0000' + e, 1L, Long::sum);
        }
        int n = yRef.length;
        double agreeRef = (sumOfSquares(refCounts) - n) / 2.0;
        double agreeEst = (sumOfSquares(estCounts) - n) / 2.0;
        double matches = (sumOfSquares(jointCounts) - n) / 2.0;
        double precision = matches / agreeEst;
        double recall = matches / agreeRef;
        return new Prf(precision, recall, EventMatching.fMeasure(precision, recall, beta));
    }

    private static long sumOfSquares(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(c -> c * c).sum();
    }

    /** {@code segment.validate_structure}: valid intervals, starting at 0, both ending together. */
    static void validateStructure(Timeline ref, Timeline est) {
        ref.validate("reference intervals");
        est.validate("estimated intervals");
        for (Timeline t : List.of(ref, est)) {
            if (!t.isEmpty() && !close(t.min(), 0.0)) {
                throw new InputException((t == ref ? "reference" : "estimated") + " segment intervals do not start at 0");
            }
        }
        if (!ref.isEmpty() && !est.isEmpty() && !close(ref.max(), est.max())) {
            throw new InputException("reference and estimated segments end at different times (" + ref.max() + " s, " + est.max() + " s)");
        }
    }

    /** {@code np.allclose(a, b)}: {@code |a - b| <= 1e-8 + 1e-5 |b|}. */
    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
    }

    /**
     * The scores of {@code segment.evaluate} this port covers, under mir_eval's names and in its
     * order: Precision/Recall/F-measure at 0.5 s and 3.0 s, the two deviations, and the pairwise
     * scores; with {@code trim}, detection and deviation ignore the first and last boundary.
     */
    public static Map<String, Double> evaluate(List<Segment> reference, List<Segment> estimate, boolean trim) {
        Timeline ref = Timeline.of(reference).adjust(0.0, null);
        Timeline est = Timeline.of(estimate).adjust(0.0, ref.max());
        Map<String, Double> out = new LinkedHashMap<>();
        for (double w : new double[] {WINDOW, WIDE_WINDOW}) {
            Prf d = detection(ref, est, w, 1.0, trim);
            String at = String.format(Locale.ROOT, "@%.1f", w);
            out.put("Precision" + at, d.precision());
            out.put("Recall" + at, d.recall());
            out.put("F-measure" + at, d.f());
        }
        double[] dev = deviation(ref, est, trim);
        out.put("Ref-to-est deviation", dev[0]);
        out.put("Est-to-ref deviation", dev[1]);
        Prf p = pairwise(ref, est, FRAME, 1.0);
        out.put("Pairwise Precision", p.precision());
        out.put("Pairwise Recall", p.recall());
        out.put("Pairwise F-measure", p.f());
        return out;
    }
}
