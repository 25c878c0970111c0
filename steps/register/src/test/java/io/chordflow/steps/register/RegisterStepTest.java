package io.chordflow.steps.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
                + "\"songs\":{\"a\":{\"root\":0.5}}}");

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

        // a metrics file given by name; the alias moves to the new version
        Files.writeString(tmp.resolve("m2.json"), "{\"total\":{\"root\":0.9}}");
        assertEquals(0, run(root, err, "--model", model.toUri().toString(), "--metrics", tmp.resolve("m2.json").toString(),
                "--name", "btc"), err.toString());
        assertEquals("2", reg.resolve("models:/btc@challenger").version());
        assertEquals("1", reg.resolve("models:/btc/1").version());
    }

    /** An evaluate-step metrics.json on suite {@code suite} (hash {@code h} repeated), all seven metrics {@code base}. */
    private Path metrics(String file, String suite, char h, double base) throws Exception {
        StringBuilder total = new StringBuilder();
        for (String m : io.chordflow.tracking.registry.Promotion.PAPER_METRICS) {
            total.append(total.length() == 0 ? "" : ",").append('"').append(m).append("\":").append(base);
        }
        Path f = tmp.resolve(file);
        Files.writeString(f, "{\"suite\":{\"name\":\"" + suite + "\",\"hash\":\"" + String.valueOf(h).repeat(64)
                + "\",\"splits\":[{\"name\":\"" + suite + "\",\"features\":\"file:///f\",\"labels\":\"file:///l\"}]},"
                + "\"total\":{" + total + "},\"per_quality\":{\"maj\":{\"duration\":10.0,\"share\":1.0,\"tetrads\":" + base + "}}}");
        return f;
    }

    @Test
    void registeringAsChampionFollowsThePromotionRuleOnTheSameSuite() throws Exception {
        Path root = tmp.resolve("mlruns");
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{}");
        StringWriter err = new StringWriter();
        String[] base = {"--model", model.toString(), "--name", "teacher", "--alias", "champion", "--metrics"};
        java.util.function.Function<Path, String[]> args = m -> java.util.stream.Stream.concat(
                java.util.Arrays.stream(base), java.util.stream.Stream.of(m.toString())).toArray(String[]::new);
        assertEquals(0, run(root, err, args.apply(metrics("a.json", "test", 'a', 0.6))), err.toString());
        ModelRegistry reg = new FileStoreTracker(root).registry();
        assertEquals("1", reg.resolve("models:/teacher@champion").version());
        assertEquals("test", reg.version("teacher", "1").tags().get("chordflow.suite"));
        assertEquals("a".repeat(64), reg.version("teacher", "1").tags().get("chordflow.suite_hash"));
        // worse on the same suite: champion stays, the new version is challenger
        assertEquals(0, run(root, err, args.apply(metrics("b.json", "test", 'a', 0.5))), err.toString());
        assertEquals("1", reg.resolve("models:/teacher@champion").version());
        assertEquals("2", reg.resolve("models:/teacher@challenger").version());
        // better numbers on other data: not compared, champion stays
        assertEquals(0, run(root, err, args.apply(metrics("c.json", "heldout", 'b', 0.9))), err.toString());
        assertEquals("1", reg.resolve("models:/teacher@champion").version());
        assertTrue(reg.version("teacher", "3").tags().get("chordflow.promotion").contains("not compared"));
        // better on the same suite: promoted
        assertEquals(0, run(root, err, args.apply(metrics("d.json", "test", 'a', 0.7))), err.toString());
        assertEquals("4", reg.resolve("models:/teacher@champion").version());
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
        // metrics.json has one shape, the evaluation report: no top-level metrics, no unknown fields
        Files.writeString(tmp.resolve("flat.json"), "{\"root\": 0.9}");
        assertEquals(Cli.BAD_INPUT, run(tmp.resolve("mlruns"), err, "--model", model.toString(), "--metrics",
                tmp.resolve("flat.json").toString(), "--name", "btc"));
        assertTrue(err.toString().contains("flat.json: field total: missing"), err.toString());
        Files.writeString(tmp.resolve("typo.json"), "{\"total\": {\"root\": 0.9}, \"per_qualty\": {}}");
        assertEquals(Cli.BAD_INPUT, run(tmp.resolve("mlruns"), err, "--model", model.toString(), "--metrics",
                tmp.resolve("typo.json").toString(), "--name", "btc"));
        assertTrue(err.toString().contains("typo.json: field per_qualty: unknown field (did you mean per_quality?)"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertFalse(Files.exists(tmp.resolve("mlruns")), "bad metrics are found before the run is opened: none recorded");
    }

    @Test
    void withMlflowUnreachableTheRegistrationIsBufferedAndSaysSo() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{}");
        Files.writeString(tmp.resolve("m.json"), "{\"total\":{\"root\":0.8}}");
        Path buffer = tmp.resolve("state/tracking-buffer");
        Map<String, String> env = Map.of(io.chordflow.common.EnvNames.MLFLOW_TRACKING_URI, "http://127.0.0.1:1",
                io.chordflow.common.EnvNames.CHORDFLOW_TRACKING_BUFFER, buffer.toString(), "MLFLOW_EXPERIMENT_NAME", "test");
        CommandLine cl = Cli.commandLine(new RegisterStep(() -> io.chordflow.tracking.Trackers.from(env), new LocalStore(), env));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("--model", model.toString(), "--metrics", tmp.resolve("m.json").toString(), "--name", "btc",
                "--alias", "champion"), err.toString());
        String line = out.toString().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("register: MLflow server http://127.0.0.1:1 unreachable") && line.contains(buffer.toString())
                && line.contains("champion by the promotion rule, decided on replay") && line.contains("replays them in order"), line);
        // everything waits in the buffer, in order: the run, its params and metrics, the model folder, the version, its alias
        java.util.List<String> ops = new java.util.ArrayList<>();
        try (var files = Files.list(buffer)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                Files.readAllLines(f).forEach(l -> ops.add(l.replaceAll(".*\"op\":\"([a-z_]+)\".*", "$1")));
            }
        }
        assertEquals(java.util.List.of("create_run", "log_batch", "log_batch", "artifacts", "register_version", "assign", "end_run"),
                ops);
    }
}
