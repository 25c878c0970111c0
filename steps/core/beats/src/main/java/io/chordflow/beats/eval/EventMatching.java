package io.chordflow.beats.eval;

import io.chordflow.common.InputException;
import java.util.Arrays;

/**
 * Event matching and checks from {@code mir_eval.util}, shared by beat and segment-boundary
 * scores.
 *
 * <p>{@link #count} is the size of {@code util.match_events(ref, est, window)}: the maximum
 * matching of reference to estimated events where a pair may match when
 * {@code est - window <= ref <= est + window} (the exact comparisons of
 * {@code util._fast_hit_windows}). mir_eval finds it with Hopcroft-Karp; the scores only use its
 * size, and on a line, where each estimate's candidates are a run of sorted references whose ends
 * never move left, a greedy pass is exact (hand-written: no library does windowed matching): take
 * the estimates in order and give each the first reference still free inside its window
 * (the classic earliest-deadline argument for interval-point matching).
 */
public final class EventMatching {
    /** {@code mir_eval.beat.MAX_TIME}: events later than this are taken for a unit mistake. */
    public static final double MAX_TIME = 30000.0;

    private EventMatching() {
    }

    /** Size of the maximum windowed matching between {@code ref} and {@code est} (any order). */
    public static int count(double[] ref, double[] est, double window) {
        double[] r = ref.clone();
        double[] e = est.clone();
        Arrays.sort(r);
        Arrays.sort(e);
        int matched = 0;
        int next = 0; // first reference that is neither matched nor too early for every later estimate
        for (double x : e) {
            double lo = x - window;
            double hi = x + window;
            while (next < r.length && r[next] < lo) {
                next++;
            }
            if (next < r.length && r[next] <= hi) {
                matched++;
                next++;
            }
        }
        return matched;
    }

    /** {@code util.f_measure}: weighted harmonic mean, 0 when both are 0. */
    public static double fMeasure(double precision, double recall, double beta) {
        if (precision == 0 && recall == 0) {
            return 0.0;
        }
        return (1 + beta * beta) * precision * recall / ((beta * beta) * precision + recall);
    }

    /**
     * {@code util.validate_events}: no event after {@link #MAX_TIME}, times not decreasing;
     * {@code what} names the sequence in the message.
     */
    public static void validate(double[] events, String what) {
        for (int i = 0; i < events.length; i++) {
            if (events[i] > MAX_TIME) {
                throw new InputException(what + ": an event at " + events[i] + " s is later than the maximum allowed time "
                        + MAX_TIME + " s (are the times in seconds?)");
            }
            if (i > 0 && events[i] < events[i - 1]) {
                throw new InputException(what + ": events are not in increasing order (" + events[i] + " s after " + events[i - 1] + " s)");
            }
        }
    }
}
