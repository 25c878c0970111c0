package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;

/**
 * The end-of-epoch bookkeeping on the early-stopping score {@code s} (lower is better: a loss, or
 * minus an accuracy), kept in {@link TrainingState} so that a resumed run continues it.
 *
 * <p>Early stopping: an epoch improves when {@code s < best} (strictly); the best weights are kept
 * then, and the run stops after {@code patience} epochs in a row without improvement.
 *
 * <p>Reduce-on-plateau, as {@code torch.optim.lr_scheduler.ReduceLROnPlateau} with torch's defaults
 * (threshold 1e-4 relative, cooldown 0) and {@code factor = plateau_factor}, {@code patience =
 * plateau_patience}, {@code min_lr} as floor: an epoch counts as better when
 * {@code s < best' - |best'| * 1e-4} (for an accuracy {@code a} this is torch's mode max,
 * {@code a > best * (1 + 1e-4)}); after more than {@code patience} epochs in a row that are not,
 * the rate is multiplied by the factor and the count restarts. {@code best'} is the plateau's own
 * best, so an improvement below the threshold resets early stopping but not the plateau count.
 * The factor multiplies {@code plateauScale}; {@link LearningRate} applies it and the floor.
 */
final class Stopping {
    /** torch's ReduceLROnPlateau default {@code threshold} (mode {@code rel}). */
    static final double PLATEAU_THRESHOLD = 1e-4;

    private Stopping() {
    }

    /** Updates {@code st} after an epoch with score {@code score}; true when it is a new best (save the weights). */
    static boolean afterEpoch(TrainingState st, double score, TrainingSettings s) {
        boolean improved = Double.isNaN(st.best) || score < st.best;
        if (improved) {
            st.best = score;
            st.badEpochs = 0;
        } else if (++st.badEpochs >= s.patience()) {
            st.finished = true;
        }
        if (Double.isNaN(st.plateauBest) || score < st.plateauBest - Math.abs(st.plateauBest) * PLATEAU_THRESHOLD) {
            st.plateauBest = score;
            st.plateauBad = 0;
        } else if (++st.plateauBad > s.plateauPatience()) {
            if (s.plateauFactor() < 1) {
                st.plateauScale *= s.plateauFactor();
            }
            st.plateauBad = 0;
        }
        return improved;
    }
}
