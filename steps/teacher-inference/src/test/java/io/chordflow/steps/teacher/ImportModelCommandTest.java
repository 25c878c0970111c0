package io.chordflow.steps.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Npy;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.LocalStore;
import io.chordflow.storage.S3ProxyServer;
import io.chordflow.storage.S3Settings;
import io.chordflow.tracking.file.FileStoreTracker;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelResolver;
import io.chordflow.tracking.registry.ModelVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code chordflow import-model} on the checkpoints the authors' BTC code saved (the model module's
 * fixtures): convert, register into a file store, resolve {@code models:/NAME/1}, recognise a feature
 * file: the logits PyTorch gave. And a {@code .pt} as a model reference, converted on the fly.
 */
class ImportModelCommandTest {
    static final Path FIXTURES = Path.of("../core/model/src/test/resources/btc-checkpoint").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private int run(Path root, StringWriter out, StringWriter err, String... args) {
        return run(root, new LocalStore(), out, err, args);
    }

    private int run(Path root, ArtifactStore store, StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine(new ImportModelCommand(() -> new FileStoreTracker(root), store,
                Map.of("MLFLOW_EXPERIMENT_NAME", "test")));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static float[][] features(Path fixtures) throws Exception {
        Npy.Array x = Npy.read(fixtures.resolve("x.npy"));
        float[][] f = new float[x.shape()[0]][x.shape()[1]];
        for (int t = 0; t < f.length; t++) {
            System.arraycopy(x.data(), t * f[t].length, f[t], 0, f[t].length);
        }
        return f;
    }

    private static float[] logits(Path modelDir) throws Exception {
        return logits(FIXTURES, modelDir);
    }

    private static float[] logits(Path fixtures, Path modelDir) throws Exception {
        try (ModelArtifact m = ModelArtifact.load(modelDir)) {
            float[][] z = new ChordRecognizer(m).logits(features(fixtures));
            float[] flat = new float[z.length * z[0].length];
            for (int t = 0; t < z.length; t++) {
                System.arraycopy(z[t], 0, flat, t * z[t].length, z[t].length);
            }
            return flat;
        }
    }

    @Test
    void importsRegistersResolvesAndRecognisesWithTheAuthorsLogits() throws Exception {
        Path root = tmp.resolve("mlruns");
        Path legacy = FIXTURES.resolve("btc_small.legacy.pt").toAbsolutePath();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(root, out, err, legacy.toUri().toString(), "--arch", "btc", "--vocabulary", "large",
                "--heads", "2", "--timestep", "12", "--register", "btc-ismir19", "--alias", "teacher",
                "--out", tmp.resolve("imported").toString()), err.toString());
        assertTrue(out.toString().contains("btc, 2 layers, hidden 8, 2 heads, filter 8, timestep 12, vocabulary large,"
                + " mean -3.5, std 2.0"), out.toString());

        ModelRegistry reg = new FileStoreTracker(root).registry();
        ModelVersion v = reg.resolve("models:/btc-ismir19/1");
        assertEquals("1", reg.resolve("models:/btc-ismir19@teacher").version());
        String sha = Hashes.sha256(legacy);
        assertEquals(sha, v.tags().get("chordflow.source_sha256"));
        assertEquals(legacy.toUri().toString(), v.tags().get("chordflow.source_file"));
        assertEquals("btc-ismir19/1", v.tags().get("chordflow.mapping_version"));
        assertEquals("large", v.tags().get("chordflow.vocabulary"));

        Path resolved = new ModelResolver(reg, new LocalStore(), tmp.resolve("cache")).localPath("models:/btc-ismir19/1");
        Provenance p = Provenance.read(resolved.resolve(Provenance.FILE_NAME));
        assertEquals(sha, p.inputs().get(legacy.toUri().toString()));
        assertArrayEquals(Npy.read(FIXTURES.resolve("logits.npy")).data(), logits(resolved), 1e-4f);
    }

    @Test
    void importsAndRegistersAChordMiniChordNetAs2e1d() throws Exception {
        Path root = tmp.resolve("mlruns");
        Path fixtures = FIXTURES.resolveSibling("chordnet-checkpoint");
        Path zip = fixtures.resolve("chordnet_small.zip.pt");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(root, out, err, zip.toString(), "--arch", "2e1d", "--heads", "4", "--freq-heads", "2",
                "--timestep", "12", "--register", "chordmini-2e1d", "--out", tmp.resolve("imported").toString()), err.toString());
        assertTrue(out.toString().contains("2e1d, 2 layers, hidden 24, 4 heads, filter 96, timestep 12, vocabulary large,"
                + " mean -3.5, std 2.0"), out.toString());
        ModelVersion v = new FileStoreTracker(root).registry().resolve("models:/chordmini-2e1d/1");
        assertEquals("chordmini-chordnet/1", v.tags().get("chordflow.mapping_version"));
        assertEquals("2e1d", v.tags().get("chordflow.arch"));
        assertArrayEquals(Npy.read(fixtures.resolve("logits.npy")).data(), logits(fixtures, tmp.resolve("imported")), 1e-4f);
    }

    @Test
    void wrongArchOrVocabularyIsRejectedNamingTheTensorWithExitCode2() {
        Path zip = FIXTURES.resolve("btc_small.zip.pt");
        StringWriter err = new StringWriter();
        assertEquals(Cli.BAD_INPUT, run(tmp.resolve("mlruns"), new StringWriter(), err, zip.toString(), "--vocabulary",
                "majmin", "--out", tmp.resolve("a").toString(), "--register", "x"));
        assertEquals("import-model: " + zip + ": tensor output_layer.output_projection.weight: expected shape [25, 8]"
                + " (btc with 2 layers, vocabulary majmin (25 classes)), found [170, 8]", err.toString().strip());

        StringWriter err2 = new StringWriter();
        assertEquals(Cli.BAD_INPUT, run(tmp.resolve("mlruns"), new StringWriter(), err2, zip.toString(), "--arch", "2e1d",
                "--out", tmp.resolve("b").toString()));
        assertEquals("import-model: " + zip + ": tensor fc.weight is missing (it gives the number of classes)",
                err2.toString().strip(), "one line naming the tensor, no stack trace");

        Path chordnet = FIXTURES.resolveSibling("chordnet-checkpoint").resolve("chordnet_small.zip.pt");
        StringWriter err3 = new StringWriter();
        assertEquals(Cli.BAD_INPUT, run(tmp.resolve("mlruns"), new StringWriter(), err3, chordnet.toString(), "--arch", "btc",
                "--vocabulary", "large", "--out", tmp.resolve("c").toString()));
        assertTrue(err3.toString().startsWith("import-model: " + chordnet + ": tensor self_attn_layers.embedding_proj.weight"
                + " is missing, not a BTC-ISMIR19 checkpoint"), err3.toString());
        assertEquals(1, err3.toString().strip().lines().count(), "one line, no stack trace");
        assertTrue(!Files.exists(tmp.resolve("mlruns")) || !Files.exists(tmp.resolve("mlruns/models")),
                "nothing registered");
    }

    @Test
    void aCheckpointFileIsAModelReferenceConvertedOnceOnTheFly() throws Exception {
        Path zip = FIXTURES.resolve("btc_small.zip.pt").toAbsolutePath();
        ModelResolver resolver = new ModelResolver(new FileStoreTracker(tmp.resolve("mlruns")).registry(), new LocalStore(),
                tmp.resolve("cache"));
        Path dir = resolver.localPath(zip.toString());
        assertEquals(dir, resolver.localPath(zip.toUri().toString()), "converted once, by content");
        Provenance p = Provenance.read(dir.resolve(Provenance.FILE_NAME));
        assertEquals(Hashes.sha256(zip), p.config().get("source_sha256"));
        try (ModelArtifact m = ModelArtifact.load(dir)) {
            assertEquals(2, m.config().layers());
            assertEquals(4, m.config().heads(), "BTC-ISMIR19's default: heads show in no tensor shape");
            assertEquals(108, m.config().timestep());
        }
        // the same conversion import-model makes with those defaults
        StringWriter err = new StringWriter();
        assertEquals(0, run(tmp.resolve("mlruns"), new StringWriter(), err, zip.toString(), "--out",
                tmp.resolve("explicit").toString()), err.toString());
        assertArrayEquals(logits(tmp.resolve("explicit")), logits(dir), 0f);
    }

    @Test
    void aCheckpointOnS3IsImportedAndResolved() throws Exception {
        Path zip = FIXTURES.resolve("btc_small.zip.pt");
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            ArtifactStore store = ArtifactStores.from(Map.of(io.chordflow.common.EnvNames.MLFLOW_S3_ENDPOINT_URL, s3.endpoint(),
                    io.chordflow.common.EnvNames.AWS_ACCESS_KEY_ID, S3ProxyServer.ACCESS, io.chordflow.common.EnvNames.AWS_SECRET_ACCESS_KEY, S3ProxyServer.SECRET));
            String uri = "s3://models/btc-ismir19/btc_small.zip.pt";
            store.put(zip, java.net.URI.create(uri));

            Path dir = new ModelResolver(new FileStoreTracker(tmp.resolve("mlruns")).registry(), store, tmp.resolve("cache"))
                    .localPath(uri);
            Provenance p = Provenance.read(dir.resolve(Provenance.FILE_NAME));
            assertEquals(uri, p.config().get("source"));
            assertEquals(Hashes.sha256(zip), p.config().get("source_sha256"));
            try (var files = Files.list(tmp.resolve("cache"))) {
                assertEquals(1, files.count(), "the download is not kept, only the model folder");
            }

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(0, run(tmp.resolve("mlruns"), store, out, err, uri, "--heads", "2", "--timestep", "12",
                    "--out", tmp.resolve("m").toString()), err.toString());
            assertArrayEquals(Npy.read(FIXTURES.resolve("logits.npy")).data(), logits(tmp.resolve("m")), 1e-4f);
            StringWriter bad = new StringWriter();
            assertEquals(Cli.BAD_INPUT, run(tmp.resolve("mlruns"), store, new StringWriter(), bad, uri, "--vocabulary",
                    "majmin", "--out", tmp.resolve("m2").toString()));
            assertTrue(bad.toString().startsWith("import-model: " + uri + ": tensor output_layer.output_projection.weight"),
                    bad.toString());
        }
    }
}
