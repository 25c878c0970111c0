package io.chordflow.model.train;

/**
 * Receives training events; the tracking layer (MLflow) plugs in here. Calls come from the
 * training thread; an implementation must not throw for a transient failure of its backend.
 */
public interface TrainingListener {
    /** After every epoch, validation included. */
    void onEpoch(EpochMetrics metrics);

    /** After every optimiser step; the default ignores it. */
    default void onStep(long step, double loss, double lr) {
    }
}
