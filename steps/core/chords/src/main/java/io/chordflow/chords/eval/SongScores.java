package io.chordflow.chords.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One song's evaluation: mir_eval's 15 scores in its order, and what aggregation over songs
 * needs: for each label metric the counted duration (reference time the metric compares) and
 * the correct duration within it; per reference quality, the same per metric.
 *
 * @param scores          mir_eval's 15 keys, in {@code evaluate}'s order
 * @param counted         per label metric key: seconds of reference that metric counts
 * @param correct         per label metric key: seconds scored correct
 * @param duration        the reference span in seconds (weight of the segmentation scores)
 * @param qualities       per reference quality: its seconds and per-metric correct/counted seconds
 */
public record SongScores(LinkedHashMap<String, Double> scores, Map<String, Double> counted,
                         Map<String, Double> correct, double duration, Map<String, QualityTally> qualities) {
}
