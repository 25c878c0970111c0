package io.chordflow.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Importing a checkpoint ChordMini's own 2E1D code ({@code ChordNet}, unmodified) saved, small and random
 * (see {@code src/test/python/make_chordnet_checkpoint_fixtures.py}): our 2e1d must give the logits PyTorch
 * gave for the same raw features, through the path a user takes, and name each frame's chord as ChordMini does.
 */
class ChordNetCheckpointImportTest {
    static final Path DIR = Path.of("src/test/resources/chordnet-checkpoint");

    @TempDir
    Path tmp;

    /** The fixture's heads and window, which no tensor shape shows (config.txt); the rest is inferred. */
    static CheckpointImport.Options fixtureOptions(String arch) {
        return new CheckpointImport.Options(arch, null, null, null, 4, null, 12, null, null, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chordnet_small.zip.pt", "chordnet_small.legacy.pt"})
    void importedModelReproducesChordMinisLogitsAndLabels(String name) throws Exception {
        Path file = DIR.resolve(name);
        Path out = tmp.resolve("model");
        CheckpointImport.Result r = CheckpointImport.convert(file, file.toUri().toString(), fixtureOptions("2e1d"), out);
        // config.txt: n_freq=24 n_group=4 f_layer=2 t_layer=2 d_layer=2, feed-forward 4 x 24
        ModelConfig c = r.config();
        assertEquals(new ModelConfig("2e1d", 170, 24, null, 2, 4, 96, null, 12, 2, 2, 4, 2), c);
        assertEquals("large", r.vocabulary());
        assertFalse(r.reordered(), "ChordMini's idx_to_chord is our class order");
        assertEquals(2, r.skippedTensors(), "the decoder's fc, which ChordNet computes and discards");

        BtcCheckpointImportTest.assertReproduces(DIR, out, "ChordMini");

        Provenance p = Provenance.read(out.resolve(Provenance.FILE_NAME));
        assertEquals(Hashes.sha256(file), p.config().get("source_sha256"));
        assertEquals(ChordMini.MAPPING_VERSION, p.config().get("mapping_version"));
        assertEquals(ChordMini.MAPPING_VERSION, r.mappingVersion());
    }

    @Test
    void everyChordMiniTensorButTheUnusedOneIsMappedExactlyOnce() throws Exception {
        Object root = TorchCheckpoint.read(DIR.resolve("chordnet_small.zip.pt"));
        var sd = CheckpointImport.stateDict(root, DIR);
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ModelConfig c = ChordMini.config(sd, root, fixtureOptions("2e1d"), 170, DIR);
            var names = CheckpointImport.dottedNames(Models.initialized(c, m, 0)).stream().map(ChordMini::source).toList();
            var covered = new java.util.TreeMap<String, Integer>();
            names.forEach(s -> covered.merge(s.tensor(), 1, Integer::sum));
            var expected = new java.util.TreeSet<>(sd.keySet());
            expected.removeIf(n -> n.startsWith(ChordMini.UNUSED_PREFIX));
            assertEquals(expected, covered.keySet());
            covered.forEach((n, k) -> assertEquals(n.contains(".in_proj_") ? 3 : 1, k, n));
        }
        assertEquals(new CheckpointImport.Source("transformer.decoder.attn_layer2.1.in_proj_weight", 1, 3),
                ChordMini.source("transformer.decoder.attn_layer2.1.key.weight"));
        assertEquals(CheckpointImport.Source.whole("transformer.encoder_t.0.ff_layer.0.norm.bias"),
                ChordMini.source("transformer.encoder_t.0.ff_layer.0.norm.beta"));
        assertEquals(CheckpointImport.Source.whole("fc.weight"), ChordMini.source("fc.weight"));
    }

    @Test
    void theWrongArchitectureIsOneLineNamingTheTensor() {
        Path chordnet = DIR.resolve("chordnet_small.zip.pt");
        Path btc = BtcCheckpointImportTest.DIR.resolve("btc_small.zip.pt");
        assertEquals(chordnet + ": tensor output_layer.output_projection.weight is missing (it gives the number of classes)",
                importError(chordnet, "btc", null));
        assertTrue(importError(chordnet, "btc", "large").startsWith(chordnet
                + ": tensor self_attn_layers.embedding_proj.weight is missing, not a BTC-ISMIR19 checkpoint"));
        assertEquals(btc + ": tensor fc.weight is missing (it gives the number of classes)", importError(btc, "2e1d", null));
        assertEquals(chordnet + ": tensor fc.weight: expected shape [25, 24] (2e1d with 2 layers, vocabulary majmin"
                + " (25 classes)), found [170, 24]", importError(chordnet, "2e1d", "majmin"));
        var moreLayers = new CheckpointImport.Options("2e1d", null, 3, null, 4, null, 12, null, null, 2);
        String more = assertThrows(InputException.class, () -> CheckpointImport.convert(chordnet, "x", moreLayers,
                tmp.resolve("y"))).getMessage();
        assertTrue(more.startsWith(chordnet + ": tensor transformer.encoder_t.0.attn_alphas.2 is missing"
                + " (expected [1] for 2e1d with 3 layers"), more);
    }

    private String importError(Path file, String arch, String vocabulary) {
        var o = new CheckpointImport.Options(arch, vocabulary, null, null, 4, null, 12, null, null, 2);
        return assertThrows(InputException.class, () -> CheckpointImport.convert(file, file.toString(), o, tmp.resolve("x")))
                .getMessage();
    }
}
