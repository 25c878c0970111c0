package io.chordflow.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Npy;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.model.infer.Segments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Importing a checkpoint the authors' own BTC code saved (small, random weights; see
 * {@code src/test/python/make_btc_checkpoint_fixtures.py}): our model must give the logits PyTorch gave
 * for the same raw features, through the whole path a user takes (model folder, normalisation, windows),
 * and each frame's argmax must name the chord BTC-ISMIR19's own label table names.
 */
class BtcCheckpointImportTest {
    static final Path DIR = TorchCheckpointTest.DIR;

    @TempDir
    Path tmp;

    /** The fixture's sizes that no tensor shape shows (heads, window); everything else is inferred. */
    static CheckpointImport.Options fixtureOptions() {
        return new CheckpointImport.Options("btc", null, null, null, 2, null, 12, null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc_small.zip.pt", "btc_small.legacy.pt"})
    void importedModelReproducesTheAuthorsLogitsAndLabels(String name) throws Exception {
        Path file = DIR.resolve(name);
        Path out = tmp.resolve("model");
        CheckpointImport.Result r = CheckpointImport.convert(file, file.toUri().toString(), fixtureOptions(), out);
        assertEquals(2, r.config().layers());
        assertEquals(8, r.config().hidden());
        assertEquals(8, r.config().filter());
        assertEquals(170, r.config().classes());
        assertEquals("large", r.vocabulary());
        assertFalse(r.reordered(), "BTC-ISMIR19's 170 classes are in our order");
        assertEquals(8, r.skippedTensors(), "the unused BiLSTM");

        assertReproduces(DIR, out, "BTC-ISMIR19");

        Provenance p = Provenance.read(out.resolve(Provenance.FILE_NAME));
        assertEquals(Hashes.sha256(file), p.config().get("source_sha256"));
        assertEquals(file.toUri().toString(), p.config().get("source"));
        assertEquals(BtcIsmir19.MAPPING_VERSION, p.config().get("mapping_version"));
        assertEquals("large", p.config().get("vocabulary"));
    }

    /**
     * The model folder {@code out}, run as a user runs it (stored normalisation, windows), gives the fixture's
     * logits ({@code dir/x.npy} -> {@code dir/logits.npy}) to 1e-4, and each frame's argmax is the label the
     * authors' table gives ({@code dir/labels.txt}). The fixtures store mean -3.5 and std 2.
     */
    static void assertReproduces(Path dir, Path out, String authors) throws java.io.IOException {
        Npy.Array x = Npy.read(dir.resolve("x.npy"));
        Npy.Array expected = Npy.read(dir.resolve("logits.npy"));
        int frames = x.shape()[0];
        int bins = x.shape()[1];
        float[][] features = new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(x.data(), t * bins, features[t], 0, bins);
        }
        float[][] logits;
        try (ModelArtifact model = ModelArtifact.load(out)) {
            assertEquals(-3.5, model.normalization().mean());
            assertEquals(2.0, model.normalization().std());
            assertEquals(FeatureSpec.BTC, model.featureSpec());
            logits = new ChordRecognizer(model).logits(features);
        }
        float[] flat = new float[frames * 170];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(logits[t], 0, flat, t * 170, 170);
        }
        assertArrayEquals(expected.data(), flat, 1e-4f);

        List<String> theirs = Files.readAllLines(dir.resolve("labels.txt"));
        int[] ours = Segments.argmax(logits);
        assertTrue(new java.util.HashSet<>(theirs).size() > 5, "the fixture exercises many classes");
        for (int t = 0; t < frames; t++) {
            assertEquals(Vocabulary.LARGE.index(theirs.get(t)), ours[t],
                    "frame " + t + ": " + authors + " says " + theirs.get(t) + ", we say " + Vocabulary.LARGE.label(ours[t]));
        }
    }

    @Test
    void btcIsmir19ClassOrdersAreOursAndOtherOrdersArePermutedByLabel() {
        int[] identity = java.util.stream.IntStream.range(0, 170).toArray();
        assertArrayEquals(identity, BtcIsmir19.classOrder(BtcIsmir19.labels(170), Vocabulary.LARGE));
        assertArrayEquals(java.util.Arrays.copyOf(identity, 25), BtcIsmir19.classOrder(BtcIsmir19.labels(25), Vocabulary.MAJMIN));
        assertEquals("C#", BtcIsmir19.labels(170).get(15), "idx2voca_chord writes maj as the bare root");
        assertEquals(Vocabulary.LARGE.index("C#:maj"), 15);

        // a model whose classes come in another order: its rows must land on our classes by label
        List<String> shuffled = new ArrayList<>(BtcIsmir19.labels(170));
        Collections.shuffle(shuffled, new Random(3));
        int[] order = BtcIsmir19.classOrder(shuffled, Vocabulary.LARGE);
        float[] rows = new float[170 * 2];
        for (int i = 0; i < 170; i++) {
            rows[2 * i] = i;
            rows[2 * i + 1] = -i;
        }
        float[] ours = CheckpointImport.permuteRows(rows, order);
        for (int k = 0; k < 170; k++) {
            int source = (int) ours[2 * k];
            assertEquals(Vocabulary.LARGE.index(shuffled.get(source)), k);
            assertEquals(-source, ours[2 * k + 1]);
        }
        InputException dup = assertThrows(InputException.class, () -> BtcIsmir19.classOrder(
                Collections.nCopies(170, "C:maj"), Vocabulary.LARGE));
        assertTrue(dup.getMessage().contains("class 1 (C:maj)"), dup.getMessage());
    }

    @Test
    void mismatchesNameTheTensorWithExpectedAndFoundShapes() {
        Path file = DIR.resolve("btc_small.zip.pt");
        assertEquals(file + ": tensor output_layer.output_projection.weight: expected shape [25, 8] (btc with 2 layers,"
                + " vocabulary majmin (25 classes)), found [170, 8]", importError(file, "btc", "majmin", null, null));
        assertEquals(file + ": tensor fc.weight is missing (it gives the number of classes)", importError(file, "2e1d", null, null, null));
        String arch = importError(file, "2e1d", "large", null, null);
        assertTrue(arch.startsWith(file + ": tensor fc.weight is missing, not a ChordMini ChordNet checkpoint"), arch);
        String more = importError(file, "btc", "large", 3, null);
        assertTrue(more.startsWith(file + ": tensor self_attn_layers.self_attn_layers.2.attn_block.layer_norm_mha.gamma"
                + " is missing (expected [8] for btc with 3 layers"), more);
        String fewer = importError(file, "btc", "large", 1, null);
        assertTrue(fewer.startsWith(file + ": tensor self_attn_layers.self_attn_layers.1.") && fewer.contains("is not part of a btc with 1 layers"), fewer);
        assertEquals(file + ": tensor self_attn_layers.embedding_proj.weight: expected shape [16, 144] (btc with 2 layers,"
                + " vocabulary large (170 classes)), found [8, 144]", importError(file, "btc", null, null, 16));
        assertTrue(importError(DIR.resolve("dtypes.zip.pt"), "btc", null, null, null)
                .endsWith("dtypes.zip.pt: no state_dict (expected a dict of tensors, or one under 'model', 'model_state_dict'"
                        + " or 'state_dict')"));
    }

    @Test
    void stateDictIsFoundUnderModelOrStateDictOrAtTheTopWithoutADataParallelPrefix() {
        TorchTensor t = new TorchTensor(new TorchStorage("0", TorchDtype.FLOAT32), 0, new long[] {1}, new long[] {1});
        Path f = Path.of("f.pt");
        assertEquals(java.util.Set.of("a", "b"), CheckpointImport.stateDict(
                java.util.Map.of("model", java.util.Map.of("module.a", t, "module.b", t), "mean", 1.0), f).keySet());
        assertEquals(java.util.Set.of("a", "module.b"), CheckpointImport.stateDict(
                java.util.Map.of("state_dict", java.util.Map.of("a", t, "module.b", t)), f).keySet());
        assertEquals(java.util.Set.of("x"), CheckpointImport.stateDict(java.util.Map.of("x", t), f).keySet());
        assertEquals(java.util.Set.of("c"), CheckpointImport.stateDict(
                java.util.Map.of("model_state_dict", java.util.Map.of("c", t), "epoch", 3), f).keySet());
    }

    @Test
    void normalisationComesFromTheTopLevelOrChordMinisBlockOrTheOptions() {
        Path f = Path.of("f.pt");
        var none = CheckpointImport.Options.defaults();
        assertEquals(new io.chordflow.model.data.Normalization(-3.0, 2.5),
                CheckpointImport.normalization(java.util.Map.of("mean", -3.0, "std", 2.5), none, f));
        assertEquals(new io.chordflow.model.data.Normalization(1.0, 2.0), CheckpointImport.normalization(
                java.util.Map.of("normalization", java.util.Map.of("mean", 1.0, "std", 2.0)), none, f));
        var given = new CheckpointImport.Options("btc", null, null, null, null, null, null, 0.5, 4.0, null);
        assertEquals(new io.chordflow.model.data.Normalization(0.5, 4.0), CheckpointImport.normalization(java.util.Map.of(), given, f));
        assertEquals("f.pt: field 'mean' (the feature normalisation) is missing; pass --mean and --std",
                assertThrows(InputException.class, () -> CheckpointImport.normalization(java.util.Map.of(), none, f)).getMessage());
    }

    private String importError(Path file, String arch, String vocabulary, Integer layers, Integer hidden) {
        var o = new CheckpointImport.Options(arch, vocabulary, layers, hidden, 2, null, 12, null, null, null);
        return assertThrows(InputException.class, () -> CheckpointImport.convert(file, file.toString(), o, tmp.resolve("x")))
                .getMessage();
    }

    /** Issue 12 item 4: the features such a checkpoint was trained on are the ones chordflow computes. */
    @Test
    void btcIsmir19FeaturesAreOurFeatureSpec() {
        FeatureSpec theirs = BtcIsmir19.FEATURES;
        assertEquals(FeatureSpec.BTC, theirs);
        var ours = CqtFeatures.SPEC;
        assertEquals(ours.sampleRate(), theirs.sampleRate());
        assertEquals(ours.hop(), theirs.hop());
        assertEquals(ours.bins(), theirs.bins());
        assertEquals(ours.binsPerOctave(), theirs.binsPerOctave());
        assertEquals(ours.fmin(), theirs.fmin(), 1e-9);
        assertEquals(ours.transform(), theirs.transform());
        assertEquals(32.70319566257483, theirs.fmin(), 1e-9, "librosa's note_to_hz('C1')");
        assertEquals(1 + 220500 / 2048, 108, "a 10 s piece gives BTC-ISMIR19 its 108-frame window");
        assertEquals(ours.frameSeconds() / BtcIsmir19.FRAME_SECONDS, 1.00310, 1e-5, "0.3% frame-rate difference");
    }
}
