package io.chordflow.beats.dbn;

/**
 * madmom's {@code exponential_transition}: at a beat boundary the tempo may change from interval
 * {@code i} to interval {@code j} with probability proportional to
 * {@code exp(-lambda * |L_j / L_i - 1|)}; values at or below machine epsilon are set to 0 (they
 * are then not transitions at all), and each row is normalised to sum to 1. Higher
 * {@code lambda} prefers a steady tempo.
 */
final class TempoTransitions {
    private TempoTransitions() {
    }

    /** {@code [from][to]} log probabilities; {@code -Infinity} where there is no transition. */
    static double[][] logProbabilities(int[] intervals, double lambda) {
        int n = intervals.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] p = new double[n];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double ratio = (double) intervals[j] / (double) intervals[i];
                p[j] = Math.exp(-lambda * Math.abs(ratio - 1.0));
                if (p[j] <= Math.ulp(1.0)) {
                    p[j] = 0;
                }
                sum += p[j];
            }
            for (int j = 0; j < n; j++) {
                out[i][j] = p[j] == 0 ? Double.NEGATIVE_INFINITY : Math.log(p[j] / sum);
            }
        }
        return out;
    }
}
