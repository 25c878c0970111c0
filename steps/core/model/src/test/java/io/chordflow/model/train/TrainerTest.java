package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.Track;
import io.chordflow.contract.KdParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    static final int WINDOW = 48;
    static final int CLASSES = 25;

    static ModelConfig tinyBtc() {
        return new ModelConfig("btc", CLASSES, null, 32, 1, 2, 32, 0.1, WINDOW, null, null, null, null);
    }

    static ModelConfig tiny2e1d() {
        return new ModelConfig("2e1d", CLASSES, null, null, 1, 4, 64, 0.1, WINDOW, 1, 2, 12, 1);
    }

    static TrainingSettings settings(int epochs, int checkpointEvery, String loss) {
        return settings(epochs, checkpointEvery, loss, null);
    }

    static TrainingSettings settings(int epochs, int checkpointEvery, String loss, List<Integer> pitchShift) {
        return new TrainingSettings(epochs, 8, 24, 0.0, loss, null, 3e-3, null, 1e-4, 1e-5, List.of(0.9, 0.98), 1e-8,
                "constant", null, null, null, 1.0, "val_loss", 50, checkpointEvery, null, pitchShift, null);
    }

    private static float[][] weights(Block b) {
        List<float[]> out = new ArrayList<>();
        b.getParameters().forEach(p -> out.add(p.getValue().getArray().toFloatArray()));
        return out.toArray(new float[0][]);
    }

    private void learns(ModelConfig config, int epochs, Path dir) throws Exception {
        List<Track> train = SyntheticChords.tracks(10, 150, CLASSES, 1);
        List<Track> val = SyntheticChords.tracks(3, 150, CLASSES, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(config, m, 3);
            List<EpochMetrics> seen = new ArrayList<>();
            Trainer.Result r = new Trainer(block, m, settings(epochs, 0, "focal"), Objective.of(settings(epochs, 0, "focal"), null), 3, dir)
                    .listener(seen::add)
                    .train(train, val, Normalization.of(train), WINDOW);
            assertEquals(epochs, seen.size());
            EpochMetrics first = seen.get(0);
            EpochMetrics last = seen.get(seen.size() - 1);
            System.out.printf("%s: loss %.3f -> %.3f, train acc %.3f -> %.3f, val acc %.3f, val majmin %.3f%n",
                    config.arch(), first.trainLoss(), last.trainLoss(), first.trainAccuracy(), last.trainAccuracy(),
                    last.valAccuracy(), last.valMajmin());
            assertTrue(last.trainLoss() < 0.5 * first.trainLoss(), "loss falls: " + first.trainLoss() + " -> " + last.trainLoss());
            assertTrue(last.valAccuracy() > 0.5, "val frame accuracy far above chance (0.04): " + last.valAccuracy());
            assertTrue(last.valMajmin() > 0.5, "majmin " + last.valMajmin());
            assertTrue(Files.size(r.bestWeights()) > 0);
        }
    }

    @Test
    void tinyBtcLearnsSyntheticChords(@TempDir Path dir) throws Exception {
        learns(tinyBtc(), 8, dir);
    }

    @Test
    void tiny2e1dLearnsSyntheticChords(@TempDir Path dir) throws Exception {
        learns(tiny2e1d(), 8, dir);
    }

    @Test
    void killedRunResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        List<Track> train = SyntheticChords.tracks(5, 120, CLASSES, 5);
        Normalization norm = Normalization.of(train);
        TrainingSettings s = settings(3, 4, "focal", List.of(-2, 3)); // augmentation must replay too
        // 5 songs x 4 windows = 20 windows, batch 8 -> 3 steps per epoch, 9 steps in all
        float[][] uninterrupted;
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(tinyBtc(), m, 11);
            new Trainer(block, m, s, Objective.of(s, null), 11, dir.resolve("a")).train(train, List.of(), norm, WINDOW);
            uninterrupted = weights(block);
        }
        Path b = dir.resolve("b");
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(tinyBtc(), m, 11);
            Trainer.Result r = new Trainer(block, m, s, Objective.of(s, null), 11, b).haltAfterSteps(7).train(train, List.of(), norm, WINDOW);
            assertTrue(r.halted());
            assertFalse(java.util.Arrays.equals(uninterrupted[0], weights(block)[0]), "halted early");
        }
        // the last checkpoint is from step 6 (end of epoch 2); steps 6-7 are lost and redone
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(tinyBtc(), m, 99); // different init: the checkpoint must win
            Trainer.Result r = new Trainer(block, m, s, Objective.of(s, null), 11, b).train(train, List.of(), norm, WINDOW);
            assertFalse(r.halted());
            assertEquals(9, r.state().globalStep);
            float[][] resumed = weights(block);
            assertEquals(uninterrupted.length, resumed.length);
            for (int i = 0; i < resumed.length; i++) {
                assertArrayEquals(uninterrupted[i], resumed[i], 0f, "parameter " + i);
            }
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(Trainer.BEST)), Files.readAllBytes(b.resolve(Trainer.BEST)));
        // the same checkpoint folder with other settings is refused, not silently mixed
        TrainingSettings other = settings(4, 4, "focal");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(io.chordflow.common.InputException.class, () -> new Trainer(Models.initialized(tinyBtc(), m, 11), m,
                    other, Objective.of(other, null), 11, b).train(train, List.of(), norm, WINDOW));
        }
    }

    @Test
    void resumeMidEpochAlsoMatches(@TempDir Path dir) throws Exception {
        List<Track> train = SyntheticChords.tracks(5, 120, CLASSES, 6);
        Normalization norm = Normalization.of(train);
        TrainingSettings s = settings(2, 2, "focal");
        float[][] uninterrupted;
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(tinyBtc(), m, 4);
            new Trainer(block, m, s, Objective.of(s, null), 4, dir.resolve("a")).train(train, List.of(), norm, WINDOW);
            uninterrupted = weights(block);
        }
        Path b = dir.resolve("b");
        for (long halt : new long[] {1, 5}) { // killed twice: checkpoints at steps 0 (none) and 4 (mid epoch 2)
            try (NDManager m = NDManager.newBaseManager()) {
                new Trainer(Models.initialized(tinyBtc(), m, 4), m, s, Objective.of(s, null), 4, b).haltAfterSteps(halt)
                        .train(train, List.of(), norm, WINDOW);
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(tinyBtc(), m, 4);
            new Trainer(block, m, s, Objective.of(s, null), 4, b).train(train, List.of(), norm, WINDOW);
            float[][] resumed = weights(block);
            for (int i = 0; i < resumed.length; i++) {
                assertArrayEquals(uninterrupted[i], resumed[i], 0f, "parameter " + i);
            }
        }
    }

    @Test
    void kdStageTrainsAgainstAFrozenTeacher(@TempDir Path dir) throws Exception {
        List<Track> train = SyntheticChords.tracks(4, 120, CLASSES, 8);
        Normalization norm = Normalization.of(train);
        TrainingSettings s = settings(2, 0, "kd");
        try (NDManager m = NDManager.newBaseManager()) {
            Block teacher = Models.initialized(tinyBtc(), m, 21);
            float[] teacherBefore = teacher.getParameters().valueAt(0).getArray().toFloatArray();
            Block student = Models.initialized(tiny2e1d(), m, 22);
            List<EpochMetrics> seen = new ArrayList<>();
            new Trainer(student, m, s, Objective.of(s, KdParams.defaults()), 1, dir).teacher(teacher, norm)
                    .listener(seen::add).train(train, List.of(), norm, WINDOW);
            assertEquals(2, seen.size());
            assertTrue(Double.isFinite(seen.get(1).trainLoss()));
            assertArrayEquals(teacherBefore, teacher.getParameters().valueAt(0).getArray().toFloatArray(), 0f, "teacher frozen");
        }
    }

    /** Stage 2 with alpha 0 is plain focal fine-tuning on the ground truth: the teacher changes nothing, bit for bit. */
    @Test
    void kdWithAlphaZeroIsPlainFineTuning(@TempDir Path dir) throws Exception {
        List<Track> train = SyntheticChords.tracks(4, 120, CLASSES, 8);
        Normalization norm = Normalization.of(train);
        TrainingSettings kdSettings = settings(2, 0, "kd");
        TrainingSettings focal = settings(2, 0, "focal"); // focal_gamma 2, as kd's ground-truth term
        KdParams alpha0 = new KdParams(3.0, 0.0, null, null, null, 2.0);
        float[][] plain;
        float[][] distilled;
        try (NDManager m = NDManager.newBaseManager()) {
            Block student = Models.initialized(tinyBtc(), m, 22);
            new Trainer(student, m, focal, Objective.of(focal, null), 1, dir.resolve("plain")).train(train, List.of(), norm, WINDOW);
            plain = weights(student);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block teacher = confidentTeacher(m);
            Block student = Models.initialized(tinyBtc(), m, 22);
            new Trainer(student, m, kdSettings, Objective.of(kdSettings, alpha0), 1, dir.resolve("kd")).teacher(teacher, norm)
                    .train(train, List.of(), norm, WINDOW);
            distilled = weights(student);
        }
        for (int i = 0; i < plain.length; i++) {
            assertArrayEquals(plain[i], distilled[i], 0f, "parameter " + i);
        }
    }

    /**
     * Stage 2 with alpha 1 learns the teacher: the student's KL divergence from the teacher (T = 3, every frame
     * weighted alike, computed here in doubles) falls to under half, and the student comes to agree with the
     * teacher's argmax on most frames (a random teacher: the ground truth does not teach this). A stage 2 that
     * ignored the teacher fails here.
     */
    @Test
    void kdWithAlphaOneFollowsTheTeacher(@TempDir Path dir) throws Exception {
        List<Track> train = SyntheticChords.tracks(4, 120, CLASSES, 8);
        Normalization norm = Normalization.of(train);
        TrainingSettings s = new TrainingSettings(8, 8, 24, 0.0, "kd", null, 1e-2, null, 1e-4, 1e-5, List.of(0.9, 0.98), 1e-8,
                "constant", null, null, null, 1.0, "val_loss", 50, 0, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            Block teacher = confidentTeacher(m);
            Block student = Models.initialized(tinyBtc(), m, 22);
            double[] start = agreement(student, teacher, m, train, norm);
            new Trainer(student, m, s, Objective.of(s, new KdParams(3.0, 1.0, null, null, null, 2.0)), 1, dir)
                    .teacher(teacher, norm).train(train, List.of(), norm, WINDOW);
            double[] after = agreement(student, teacher, m, train, norm);
            System.out.printf("alpha 1: KL(teacher || student) at T=3 %.4f -> %.4f, argmax agreement %.3f -> %.3f%n",
                    start[0], after[0], start[1], after[1]);
            assertTrue(after[0] < 0.5 * start[0], "KL falls to under half: " + start[0] + " -> " + after[0]);
            assertTrue(after[1] > 0.5, "agrees with the teacher on most frames: " + start[1] + " -> " + after[1]);
        }
    }

    /** A teacher unlike the ground truth: a random tiny BTC whose output layer is scaled up, so its softened outputs are peaked. */
    private static Block confidentTeacher(NDManager m) {
        Block teacher = Models.initialized(tinyBtc(), m, 21);
        var params = teacher.getParameters();
        ai.djl.ndarray.NDArray w = params.valueAt(params.size() - 2).getArray();
        w.muli(3f);
        return teacher;
    }

    /** {mean over frames of KL(softmax(z_t/3) || softmax(z_s/3)), share of frames where the argmaxes agree}, in doubles. */
    private static double[] agreement(Block student, Block teacher, NDManager m, List<Track> tracks, Normalization norm) {
        try (NDManager sub = m.newSubManager()) {
            io.chordflow.model.data.Batch b = io.chordflow.model.data.Batch.of(sub, tracks,
                    io.chordflow.model.data.Window.over(tracks, WINDOW, WINDOW), WINDOW);
            ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(sub, false);
            float[] zs = student.forward(ps, new ai.djl.ndarray.NDList(b.normalized(norm)), false).singletonOrThrow().toFloatArray();
            float[] zt = teacher.forward(ps, new ai.djl.ndarray.NDList(b.normalized(norm)), false).singletonOrThrow().toFloatArray();
            float[] mask = b.mask().toFloatArray();
            double kl = 0;
            int agree = 0;
            int n = 0;
            for (int f = 0; f < mask.length; f++) {
                if (mask[f] == 0) {
                    continue;
                }
                double[] p = soft(zt, f * CLASSES, 3);
                double[] q = soft(zs, f * CLASSES, 3);
                int ap = 0;
                int aq = 0;
                for (int k = 0; k < CLASSES; k++) {
                    kl += p[k] * (Math.log(p[k]) - Math.log(q[k]));
                    ap = p[k] > p[ap] ? k : ap;
                    aq = q[k] > q[aq] ? k : aq;
                }
                agree += ap == aq ? 1 : 0;
                n++;
            }
            return new double[] {kl / n, (double) agree / n};
        }
    }

    private static double[] soft(float[] z, int from, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CLASSES; k++) {
            max = Math.max(max, z[from + k] / t);
        }
        double[] p = new double[CLASSES];
        double sum = 0;
        for (int k = 0; k < CLASSES; k++) {
            p[k] = Math.exp(z[from + k] / t - max);
            sum += p[k];
        }
        for (int k = 0; k < CLASSES; k++) {
            p[k] /= sum;
        }
        return p;
    }

    @Test
    void nativeArraysDoNotGrowOverAnEpoch(@TempDir Path dir) throws Exception {
        List<Track> train = SyntheticChords.tracks(6, 120, CLASSES, 9);
        TrainingSettings s = settings(4, 3, "focal");
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(tinyBtc(), m, 1);
            List<Integer> live = new ArrayList<>();
            new Trainer(block, m, s, Objective.of(s, null), 1, dir).listener(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                }

                @Override
                public void onStep(long step, double loss, double lr) {
                    live.add(m.getManagedArrays().size());
                }
            }).train(train, SyntheticChords.tracks(2, 120, CLASSES, 10), Normalization.of(train), WINDOW);
            assertTrue(live.size() > 8, "steps seen: " + live.size());
            // weights, moments and the gradient wrappers of step 1 stay; nothing accumulates per step
            assertEquals(live.get(1), live.get(live.size() - 1), "arrays alive per step: " + live);
        }
    }

    @Test
    void nonFiniteLossSkipsTheUpdateInsteadOfPoisoningTheWeights(@TempDir Path dir) throws Exception {
        Track t = SyntheticChords.tracks(1, 48, CLASSES, 3).get(0);
        float[] x = t.features().clone();
        x[5] = Float.NaN;
        Track broken = new Track("nan", x, t.frames(), t.featureSize(), t.hard(), null, CLASSES);
        TrainingSettings s = settings(2, 0, "focal");
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(tinyBtc(), m, 1);
            float[][] before = weights(block);
            Trainer.Result r = new Trainer(block, m, s, Objective.of(s, null), 1, dir)
                    .train(List.of(broken), List.of(), new Normalization(0, 1), WINDOW);
            assertEquals(2, r.state().skippedSteps);
            assertEquals(List.of(1L, 2L), r.state().history.stream().map(EpochMetrics::skippedSteps).toList(),
                    "each epoch's record says how many updates were skipped so far (metrics.json, MLflow)");
            float[][] after = weights(block);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f);
            }
        }
    }
}
