package io.chordflow.steps.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.cli.Cli;
import io.chordflow.storage.LocalStore;
import io.chordflow.storage.Manifest;
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

class RegisterStepTest {
    @TempDir
    Path tmp;

    private int run(Path root, StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine(new RegisterStep(() -> new FileStoreTracker(root), new LocalStore(),
                Map.of("MLFLOW_EXPERIMENT_NAME", "test")));
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void registersVersionWithRunArtifactSourceMetricTagsAndChallenger() throws Exception {
        Path root = tmp.resolve("mlruns");
        Path model = tmp.resolve("train-out");
        Files.createDirectories(model.resolve("weights"));
        Files.writeString(model.resolve("model.json"), "{\"arch\":\"btc\"}");
        Files.writeString(model.resolve("weights/w.npy"), "w");
        Path eval = tmp.resolve("eval-out");
        Files.createDirectories(eval);
        Files.writeString(eval.resolve("metrics.json"), "{\"total\":{\"root\":0.81,\"mirex\":0.79,\"tracks\":12},"
                + "\"per_track\":{\"a\":{\"root\":0.5}}}");

        StringWriter err = new StringWriter();
        assertEquals(0, run(root, err, "--model", model.toString(), "--metrics", eval.toString(), "--name", "btc"),
                err.toString());

        ModelRegistry reg = new FileStoreTracker(root).registry();
        ModelVersion v = reg.resolve("models:/btc@challenger");
        assertEquals("1", v.version());
        assertEquals("0.81", v.tags().get("metric.root"));
        assertEquals("12.0", v.tags().get("metric.tracks"));
        assertTrue(v.source().startsWith("file://") && v.source().endsWith("/" + v.runId() + "/artifacts/model"),
                v.source());
        Path local = new ModelResolver(reg, new LocalStore(), tmp.resolve("cache")).localPath("models:/btc@challenger");
        assertEquals("{\"arch\":\"btc\"}", Files.readString(local.resolve("model.json")));
        assertTrue(Files.exists(local.resolve(Manifest.FILE_NAME)));
        String runDir = local.getParent().getParent().toString();
        assertEquals("0.81", Files.readString(Path.of(runDir, "metrics/root")).split(" ")[1]);
        assertTrue(Files.readString(Path.of(runDir, "meta.yaml")).contains("status: 3\n"));

        // top-level metrics form; the alias moves to the new version
        Files.writeString(tmp.resolve("m2.json"), "{\"root\":0.9}");
        assertEquals(0, run(root, err, "--model", model.toUri().toString(), "--metrics", tmp.resolve("m2.json").toString(),
                "--name", "btc"), err.toString());
        assertEquals("2", reg.resolve("models:/btc@challenger").version());
        assertEquals("1", reg.resolve("models:/btc/1").version());
    }

    @Test
    void badMetricsAreReportedWithTheFileName() throws Exception {
        Path model = tmp.resolve("m");
        Files.createDirectories(model);
        Files.writeString(tmp.resolve("bad.json"), "{\"total\": [1,2]}");
        StringWriter err = new StringWriter();
        assertEquals(Cli.BAD_INPUT, run(tmp.resolve("mlruns"), err, "--model", model.toString(), "--metrics",
                tmp.resolve("bad.json").toString(), "--name", "btc"));
        assertTrue(err.toString().contains("bad.json: field total: expected an object"), err.toString());
    }
}
