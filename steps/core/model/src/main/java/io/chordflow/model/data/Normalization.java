package io.chordflow.model.data;

import java.util.List;

/** BTC's feature normalisation: one global scalar mean and std over the training frames. */
public record Normalization(double mean, double std) {
    public Normalization {
        if (!(std > 0) || Double.isNaN(mean)) {
            throw new IllegalArgumentException("normalisation needs a finite mean and std > 0, got " + mean + "/" + std);
        }
    }

    public static Normalization of(List<Track> tracks) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (Track t : tracks) {
            for (float v : t.features()) {
                sum += v;
                sq += (double) v * v;
            }
            n += t.features().length;
        }
        return of(sum, sq, n);
    }

    /** From the sum, the sum of squares and the count of the values: mean and population std (variance floored at 1e-12). */
    public static Normalization of(double sum, double sq, long n) {
        double mean = sum / n;
        double var = Math.max(sq / n - mean * mean, 1e-12);
        return new Normalization(mean, Math.sqrt(var));
    }

    public float apply(float v) {
        return (float) ((v - mean) / std);
    }
}
