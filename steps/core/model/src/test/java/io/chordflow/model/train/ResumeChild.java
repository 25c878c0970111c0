package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.Track;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link ResumeAfterKillTest}: trains a tiny BTC in {@code WORKDIR} (resuming from its
 * checkpoint when there is one), prints {@code step N} after every step, and at the end writes the final
 * weights to {@code WEIGHTS}. Every source of randomness is in play: dropout, pitch shift, window order,
 * warm-up + cosine, plateau, clipping, validation and best weights.
 */
public final class ResumeChild {
    static final int WINDOW = 48;
    static final int STEPS = 9;

    static TrainingSettings settings() {
        // 5 songs x 4 windows, batch 8: 3 steps per epoch, 3 epochs; a checkpoint every 2 steps and at each epoch end
        return new TrainingSettings(3, 8, 24, 0.0, "focal", null, 1e-3, 3e-3, 1e-4, 1e-2, List.of(0.9, 0.98), 1e-8,
                "cosine", 1.0, 0.9, 0, 1.0, "val_loss", 10, 2, null, List.of(-2, 3), null);
    }

    public static void main(String[] args) throws Exception {
        train(Path.of(args[0]), Path.of(args[1]), true);
        System.out.println("done");
    }

    /** Trains in {@code work} (resuming when it holds a checkpoint) and writes the final weights to {@code weights}. */
    static void train(Path work, Path weights, boolean printSteps) throws Exception {
        List<Track> train = SyntheticChords.tracks(5, 120, 25, 5);
        List<Track> val = SyntheticChords.tracks(2, 96, 25, 6);
        TrainingSettings s = settings();
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(TrainerTest.tinyBtc(), m, 11);
            Trainer.Result r = new Trainer(block, m, s, Objective.of(s, null), 11, work).listener(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                }

                @Override
                public void onStep(long step, double loss, double lr) {
                    if (printSteps) {
                        System.out.println("step " + step);
                        System.out.flush();
                    }
                }
            }).train(train, val, Normalization.of(train), WINDOW);
            if (r.state().globalStep != STEPS) {
                throw new IllegalStateException("expected " + STEPS + " steps, ran " + r.state().globalStep);
            }
            try (OutputStream out = Files.newOutputStream(weights)) {
                block.saveParameters(new DataOutputStream(out));
            }
        }
    }
}
