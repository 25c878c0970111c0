package io.chordflow.model.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything besides weights and optimiser moments that a resumed run needs to continue as if it
 * had never stopped: position in the data order (epoch, step in epoch), global step, plateau and
 * early-stopping bookkeeping, the partial epoch sums and the history so far. Mutable: the trainer
 * owns it and checkpoints copy it out as JSON.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public final class TrainingState {
    /** Identifies the run (settings, seed, data shape, model size); a checkpoint of another run is not resumed. */
    public String run;
    public int epoch;
    public long stepInEpoch;
    /**
     * Windows of this epoch's order consumed so far, skipped ones included (the streamed source's
     * resume point; the in-memory source resumes from {@code stepInEpoch}). 0 in older checkpoints.
     */
    public long dataCursor;
    public long globalStep;
    public double plateauScale = 1;
    public double best = Double.NaN;
    public int badEpochs;
    public int plateauBad;
    /** Reduce-on-plateau's own best score (it needs a relative improvement of 1e-4, early stopping any). */
    public double plateauBest = Double.NaN;
    public double lossSum;
    public long frames;
    public long correct;
    public boolean finished;
    /** Updates skipped because the loss or gradient was not finite. */
    public long skippedSteps;
    public List<EpochMetrics> history = new ArrayList<>();
}
