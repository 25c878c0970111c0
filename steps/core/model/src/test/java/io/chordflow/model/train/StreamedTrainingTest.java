package io.chordflow.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.chordflow.common.io.shard.ShardDType;
import io.chordflow.common.io.shard.ShardLocation;
import io.chordflow.common.io.shard.ShardWriter;
import io.chordflow.contract.TrainingSettings;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.stream.ShardedSongs;
import io.chordflow.model.data.stream.StreamedWindows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on streamed shards: it learns, and a run killed mid-epoch resumes to the same weights. */
class StreamedTrainingTest {
    static ShardedSongs shards(Path dir, List<Track> tracks) throws Exception {
        for (int k = 0; k < 2; k++) {
            try (ShardWriter f = new ShardWriter(dir.resolve("f"), "features-" + k, "features", ShardDType.FLOAT32,
                    tracks.get(0).featureSize(), null);
                 ShardWriter t = new ShardWriter(dir.resolve("t"), "hard-" + k, "hard", ShardDType.INT32, 1, null)) {
                for (int i = k; i < tracks.size(); i += 2) {
                    f.add(tracks.get(i).id(), tracks.get(i).features());
                    t.add(tracks.get(i).id(), tracks.get(i).hard());
                }
                f.finish();
                t.finish();
            }
        }
        return ShardedSongs.open(ShardLocation.local(dir.resolve("f")), ShardLocation.local(dir.resolve("t")), TargetKind.HARD,
                tracks.get(0).featureSize(), TrainerTest.CLASSES, false, null);
    }

    private static float[][] weights(Block b) {
        List<float[]> out = new ArrayList<>();
        b.getParameters().forEach(p -> out.add(p.getValue().getArray().toFloatArray()));
        return out.toArray(new float[0][]);
    }

    @Test
    void aStreamedRunKilledMidEpochResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        List<Track> tracks = SyntheticChords.tracks(6, 120, TrainerTest.CLASSES, 6);
        TrainingSettings s = TrainerTest.settings(2, 2, "focal", List.of(-2, 3)); // A1 must replay too
        try (ShardedSongs store = shards(dir, tracks)) {
            StreamedWindows.Split split = StreamedWindows.Split.of(store, 0.2, 4);
            java.util.function.Supplier<StreamedWindows> data = () -> new StreamedWindows(store, split.train(), split.val(),
                    TrainerTest.WINDOW, s.stride(), null, 4, 8, 2);
            Normalization norm = data.get().normalization();
            float[][] uninterrupted;
            Trainer.Result whole;
            try (NDManager m = NDManager.newBaseManager()) {
                Block block = Models.initialized(TrainerTest.tinyBtc(), m, 4);
                whole = new Trainer(block, m, s, Objective.of(s, null), 4, dir.resolve("a")).train(data.get(), norm, TrainerTest.WINDOW);
                uninterrupted = weights(block);
            }
            assertEquals(2, whole.state().history.size());
            assertTrue(Double.isFinite(whole.state().history.get(1).valLoss()), "validated on the held-out songs");
            Path b = dir.resolve("b");
            for (long halt : new long[] {1, 5}) { // killed twice: no checkpoint yet, then one mid epoch 2
                try (NDManager m = NDManager.newBaseManager()) {
                    assertTrue(new Trainer(Models.initialized(TrainerTest.tinyBtc(), m, 4), m, s, Objective.of(s, null), 4, b)
                            .haltAfterSteps(halt).train(data.get(), norm, TrainerTest.WINDOW).halted());
                }
            }
            try (NDManager m = NDManager.newBaseManager()) {
                Block block = Models.initialized(TrainerTest.tinyBtc(), m, 4);
                Trainer.Result r = new Trainer(block, m, s, Objective.of(s, null), 4, b).train(data.get(), norm, TrainerTest.WINDOW);
                float[][] resumed = weights(block);
                for (int i = 0; i < resumed.length; i++) {
                    assertArrayEquals(uninterrupted[i], resumed[i], 0f, "parameter " + i);
                }
                assertEquals(whole.state().history.get(1).trainLoss(), r.state().history.get(1).trainLoss());
            }
        }
    }

    @Test
    void theIndexSumsGiveTheInMemoryNormalisation(@TempDir Path dir) throws Exception {
        List<Track> tracks = SyntheticChords.tracks(6, 100, TrainerTest.CLASSES, 2);
        try (ShardedSongs store = shards(dir, tracks)) {
            StreamedWindows w = new StreamedWindows(store, java.util.stream.IntStream.range(0, store.size()).toArray(), new int[0],
                    TrainerTest.WINDOW, 24, null, 1, 8, 2);
            Normalization streamed = w.normalization();
            Normalization memory = Normalization.of(tracks);
            assertEquals(memory.mean(), streamed.mean(), 1e-9 * Math.abs(memory.mean()) + 1e-12);
            assertEquals(memory.std(), streamed.std(), 1e-9 * memory.std());
        }
    }
}
