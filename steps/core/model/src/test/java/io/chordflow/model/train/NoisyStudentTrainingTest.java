package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.chordflow.chords.Vocabulary;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paper 2's student training: a labelled + pseudo-labelled mix at a set ratio, augmentation of the pseudo-labelled songs only, exact resume. */
class NoisyStudentTrainingTest {
    static List<Track> mixed() {
        List<Track> out = new ArrayList<>();
        for (Track t : SyntheticChords.tracks(2, 120, 25, 8)) {
            out.add(t.asSoft()); // labelled (one-hot)
        }
        for (Track t : SyntheticChords.tracks(4, 120, 25, 9)) {
            out.add(t.asSoft().withId("p/" + t.id()).withPseudo(true));
        }
        return out;
    }

    @Test
    void mixRatioSetsTheShareOfPseudoLabelledWindowsInEveryEpoch() {
        List<Track> train = mixed();
        List<Window> windows = Window.over(train, 48, 24); // 4 windows per song: 8 labelled, 16 pseudo
        Trainer.EpochMix mix = Trainer.EpochMix.of(train, windows, 0.25);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Window> w = mix.windows(7, epoch);
            assertEquals(24, w.size(), "an epoch is as long as both sets together");
            long pseudo = w.stream().filter(x -> train.get(x.track()).pseudo()).count();
            assertEquals(6, pseudo, "25 % pseudo-labelled");
            Set<Window> labelled = new HashSet<>();
            w.stream().filter(x -> !train.get(x.track()).pseudo()).forEach(labelled::add);
            assertEquals(8, labelled.size(), "18 labelled draws use every labelled window before repeating");
            assertEquals(w, mix.windows(7, epoch), "a function of (seed, epoch)");
        }
        assertTrue(!mix.windows(7, 0).equals(mix.windows(7, 1)));
        assertEquals(null, Trainer.EpochMix.of(train.subList(0, 2), Window.over(train.subList(0, 2), 48, 24), 0.5),
                "one source only: the ratio does not apply");
    }

    private static float[][] weights(Block b) {
        List<float[]> out = new ArrayList<>();
        b.getParameters().forEach(p -> out.add(p.getValue().getArray().toFloatArray()));
        return out.toArray(new float[0][]);
    }

    @Test
    void augmentedMixedRunResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        List<Track> train = mixed();
        Normalization norm = Normalization.of(train);
        // soft CE, A1 -3..+4, A3 and A4 two masks each, pseudo-labelled songs only, 50 % pseudo windows
        TrainingSettings s = new TrainingSettings(2, 8, 24, 0.0, "soft_ce", null, 3e-3, null, null, null, null, null,
                "constant", null, null, null, 1.0, null, 50, 0, null, List.of(-3, 4), null, 2, 0.25, 2, 0.25, true, 0.5, null, null);
        float[][] whole;
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Models.initialized(TrainerTest.tinyBtc(), m, 5);
            new Trainer(b, m, s, Objective.of(s, null), 5, dir.resolve("a")).vocabulary(Vocabulary.MAJMIN)
                    .train(train, List.of(), norm, TrainerTest.WINDOW);
            whole = weights(b);
        }
        Path work = dir.resolve("b");
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Models.initialized(TrainerTest.tinyBtc(), m, 5);
            assertTrue(new Trainer(b, m, s, Objective.of(s, null), 5, work).vocabulary(Vocabulary.MAJMIN).haltAfterSteps(4)
                    .train(train, List.of(), norm, TrainerTest.WINDOW).halted());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Models.initialized(TrainerTest.tinyBtc(), m, 77);
            new Trainer(b, m, s, Objective.of(s, null), 5, work).vocabulary(Vocabulary.MAJMIN)
                    .train(train, List.of(), norm, TrainerTest.WINDOW);
            float[][] resumed = weights(b);
            for (int i = 0; i < resumed.length; i++) {
                assertArrayEquals(whole[i], resumed[i], 0f, "parameter " + i);
            }
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(Trainer.BEST)), Files.readAllBytes(work.resolve(Trainer.BEST)));
    }
}
