package io.chordflow.beats.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mir_eval.beat}'s F-measure, equal to it within 1e-9 on mir_eval's own fixtures.
 *
 * <p>{@code f_measure(ref, est, window = 0.07)}: with {@code m} the size of the maximum matching
 * of estimates to references within the window ({@link EventMatching#count}),
 * {@code P = m / |est|}, {@code R = m / |ref|}, {@code F = 2PR / (P + R)}; 0 when either side is
 * empty or nothing matches. {@code mir_eval.beat.evaluate} first drops beats before 5 s from both
 * sides ({@code trim_beats(min_beat_time=5.0)}: keep {@code t >= 5}); {@link #evaluate} does the
 * same, {@link #fMeasure} does not trim (as mir_eval's {@code f_measure}). Downbeat F-measure
 * (paper 2's downbeat score) is this F-measure on the downbeat times.
 */
public final class BeatMetrics {
    /** {@code f_measure_threshold}: 70 ms. */
    public static final double WINDOW = 0.07;
    /** {@code trim_beats}' default {@code min_beat_time}. */
    public static final double MIN_BEAT_TIME = 5.0;

    private BeatMetrics() {
    }

    /** {@code trim_beats}: the beats at or after {@code minBeatTime}. */
    public static double[] trim(double[] beats, double minBeatTime) {
        return Arrays.stream(beats).filter(t -> t >= minBeatTime).toArray();
    }

    /** {@code beat.f_measure(ref, est, window)}, untrimmed; validates both sides as mir_eval does. */
    public static double fMeasure(double[] ref, double[] est, double window) {
        EventMatching.validate(ref, "reference beats");
        EventMatching.validate(est, "estimated beats");
        if (est.length == 0 || ref.length == 0) {
            return 0.0;
        }
        int m = EventMatching.count(ref, est, window);
        double precision = (double) m / est.length;
        double recall = (double) m / ref.length;
        return EventMatching.fMeasure(precision, recall, 1.0);
    }

    /** As {@code beat.evaluate} for the F-measure: trim both at {@code minBeatTime}, then the 70 ms F-measure. */
    public static double evaluateFMeasure(double[] ref, double[] est, double minBeatTime) {
        return fMeasure(trim(ref, minBeatTime), trim(est, minBeatTime), WINDOW);
    }

    /** {@code {"F-measure": ...}} with mir_eval's key and defaults (5 s trim, 70 ms window). */
    public static Map<String, Double> evaluate(double[] ref, double[] est) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("F-measure", evaluateFMeasure(ref, est, MIN_BEAT_TIME));
        return out;
    }
}
