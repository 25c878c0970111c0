package io.chordflow.chords.eval;

import io.chordflow.chords.Chord;
import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.HarteLabel;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code mir_eval.chord.evaluate} for one song, with the tallies dataset scores need. */
public final class ChordEvaluator {
    /** mir_eval's 15 keys, in the order {@code evaluate} returns them. */
    public static final List<String> KEYS = keys();
    public static final String UNDERSEG = "underseg";
    public static final String OVERSEG = "overseg";
    public static final String SEG = "seg";

    /** Reference qualities reported per quality, as the large vocabulary names them, plus N. */
    public static final List<String> QUALITIES = List.of(
            "maj", "min", "7", "maj7", "min7", "dim", "aug", "sus2", "sus4", "hdim7", "dim7", "minmaj7", "maj6", "min6", "N");
    /** References outside those qualities (X, power chords, aug7...). */
    public static final String OTHER_QUALITY = "other";

    private ChordEvaluator() {
    }

    private static List<String> keys() {
        List<String> k = new ArrayList<>();
        for (ChordMetric m : ChordMetric.values()) {
            k.add(m.key());
        }
        k.addAll(List.of("underseg", "overseg", "seg"));
        return List.copyOf(k);
    }

    /** mir_eval's 15 scores for one song. */
    public static LinkedHashMap<String, Double> evaluate(List<ChordSegment> reference, List<ChordSegment> estimate) {
        return score(reference, estimate).scores();
    }

    public static SongScores score(List<ChordSegment> reference, List<ChordSegment> estimate) {
        if (reference.isEmpty()) {
            throw new InputException("reference annotation is empty");
        }
        double tMin = reference.stream().mapToDouble(ChordSegment::start).min().orElseThrow();
        double tMax = reference.stream().mapToDouble(ChordSegment::end).max().orElseThrow();
        List<ChordSegment> est = LabeledIntervals.adjust(estimate, tMin, tMax);
        double[][] mergedRef = Segmentation.mergeChordIntervals(reference);
        double[][] mergedEst = Segmentation.mergeChordIntervals(est);
        LabeledIntervals.Merged pieces = LabeledIntervals.merge(reference, est);

        Map<String, Chord> cache = new HashMap<>();
        Map<String, String> qualityOf = new HashMap<>();
        ChordMetric[] metrics = ChordMetric.values();
        double[] correct = new double[metrics.length];
        double[] counted = new double[metrics.length];
        double total = 0;
        Map<String, QualityTally> qualities = new LinkedHashMap<>();
        for (int i = 0; i < pieces.size(); i++) {
            double w = Math.abs(pieces.ends()[i] - pieces.starts()[i]);
            total += w;
            Chord r = cache.computeIfAbsent(pieces.ref()[i], Chord::parse);
            Chord e = cache.computeIfAbsent(pieces.est()[i], Chord::parse);
            QualityTally q = qualities.computeIfAbsent(
                    qualityOf.computeIfAbsent(pieces.ref()[i], ChordEvaluator::referenceQuality), k -> new QualityTally());
            q.add(w);
            for (int m = 0; m < metrics.length; m++) {
                int s = metrics[m].compare(r, e);
                if (s >= 0) {
                    correct[m] += s * w;
                    counted[m] += w;
                }
                q.add(metrics[m].key(), s, w);
            }
        }
        LinkedHashMap<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> countedBy = new HashMap<>();
        Map<String, Double> correctBy = new HashMap<>();
        for (int m = 0; m < metrics.length; m++) {
            // weighted_accuracy: 0 when there is no weight or nothing comparable
            scores.put(metrics[m].key(), total == 0 || counted[m] == 0 ? 0.0 : correct[m] / counted[m]);
            countedBy.put(metrics[m].key(), counted[m]);
            correctBy.put(metrics[m].key(), correct[m]);
        }
        double under = Segmentation.underseg(mergedRef, mergedEst);
        double over = Segmentation.overseg(mergedRef, mergedEst);
        scores.put(UNDERSEG, under);
        scores.put(OVERSEG, over);
        scores.put(SEG, Math.min(over, under));
        return new SongScores(scores, countedBy, correctBy, tMax - tMin, qualities);
    }

    /** The quality a reference label is tallied under: one of {@link #QUALITIES} or {@link #OTHER_QUALITY}. */
    public static String referenceQuality(String label) {
        if (label.equals(HarteLabel.NO_CHORD)) {
            return "N";
        }
        int c = Vocabulary.LARGE.index(label);
        if (c >= 168) {
            return OTHER_QUALITY;
        }
        String name = Vocabulary.LARGE.label(c);
        return name.substring(name.indexOf(':') + 1);
    }
}
