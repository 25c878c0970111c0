package io.chordflow.chords.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores over a set of songs: per song, the duration-weighted total (for label metrics: total
 * correct time / total counted time across songs; for segmentation: song scores weighted by song
 * duration), the plain mean of per-song scores, and per reference quality the total duration and
 * weighted accuracy. Songs are kept in the order added.
 */
public final class DatasetScores {
    private final Map<String, SongScores> songs = new LinkedHashMap<>();
    private final Map<String, QualityTally> qualities = new TreeMap<>();

    public void add(String song, SongScores scores) {
        if (songs.putIfAbsent(song, scores) != null) {
            throw new IllegalArgumentException("song '" + song + "' added twice");
        }
        scores.qualities().forEach((q, t) -> qualities.computeIfAbsent(q, k -> new QualityTally()).addAll(t));
    }

    public Map<String, SongScores> songs() {
        return songs;
    }

    /** Duration-weighted scores over all songs, mir_eval's 15 keys. */
    public LinkedHashMap<String, Double> total() {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (String key : ChordEvaluator.KEYS) {
            double num = 0;
            double den = 0;
            for (SongScores s : songs.values()) {
                Double counted = s.counted().get(key);
                if (counted != null) {
                    num += s.correct().get(key);
                    den += counted;
                } else {
                    num += s.scores().get(key) * s.duration();
                    den += s.duration();
                }
            }
            out.put(key, den == 0 ? 0.0 : num / den);
        }
        return out;
    }

    /** Plain mean of per-song scores. */
    public LinkedHashMap<String, Double> mean() {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (String key : ChordEvaluator.KEYS) {
            out.put(key, songs.values().stream().mapToDouble(s -> s.scores().get(key)).average().orElse(0));
        }
        return out;
    }

    /** Per reference quality, in {@link ChordEvaluator#QUALITIES} order then "other"; only qualities present. */
    public Map<String, QualityTally> perQuality() {
        Map<String, QualityTally> out = new LinkedHashMap<>();
        for (String q : ChordEvaluator.QUALITIES) {
            if (qualities.containsKey(q)) {
                out.put(q, qualities.get(q));
            }
        }
        if (qualities.containsKey(ChordEvaluator.OTHER_QUALITY)) {
            out.put(ChordEvaluator.OTHER_QUALITY, qualities.get(ChordEvaluator.OTHER_QUALITY));
        }
        return out;
    }

    /** Mean over the seven paper metrics of the duration-weighted total. */
    public double paperMean() {
        Map<String, Double> t = total();
        return ChordMetric.PAPER.stream().mapToDouble(m -> t.get(m.key())).average().orElse(0);
    }
}
