package io.chordflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.LabFile;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The product as a user meets it, at the smoke profile: {@code chordflow run btc-kd -p smoke}
 * goes from nothing to registered, evaluated models through every real step program (each its
 * own process), leaves an MLflow experiment with one parent run and a child run per task with
 * their metrics and artifacts, and the registered student recognises chords in audio.
 */
class EndToEndSmokeTest {
    /** The comparison's rows at the smoke profile: the four of paper 1, the one ablation variant it keeps, the template. */
    private static final List<String> MODELS = List.of("teacher", "baseline", "stage1", "stage2", "stage2-kd-off", "template");

    record Out(int code, String out, String err) {
    }

    static Out cli(String... args) {
        CommandLine cl = Chordflow.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // the runner reports to System.out, as a user sees it
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Out(code, out + console.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void btcKdSmokeRunsEndToEnd(@TempDir Path state) throws Exception {
        Out run = cli("run", "btc-kd", "--profile", "smoke", "--state", state.toString());
        assertEquals(0, run.code(), run.out() + run.err());

        Path mlruns = state.resolve("mlruns");
        Map<String, Path> runs = runsByName(mlruns);
        Path parent = runs.get("btc-kd-smoke-local");
        assertTrue(parent != null, "parent run; runs: " + runs.keySet());
        String parentId = parent.getFileName().toString();
        for (String task : List.of("features-teacher", "features-labeled", "features-test", "train-teacher",
                "train-stage1", "kd-stage2", "train-baseline", "register", "compare", "register-teacher")) {
            Path r = runs.get(task);
            assertTrue(r != null, "child run " + task + "; runs: " + runs.keySet());
            assertEquals(parentId, tag(r, "mlflow.parentRunId"), task);
            assertEquals("FINISHED", status(r), task);
        }
        for (String m : MODELS) {
            Path r = runs.get("eval-" + m);
            for (String metric : List.of("root", "thirds", "triads", "sevenths", "tetrads", "majmin", "mirex")) {
                assertTrue(Files.exists(r.resolve("metrics").resolve(metric)) || Files.exists(r.resolve("metrics").resolve("total_" + metric)),
                        "eval-" + m + " logs " + metric + ": " + list(r.resolve("metrics")));
            }
        }
        for (String task : List.of("train-teacher", "train-stage1", "train-baseline")) {
            assertFalse(list(runs.get(task).resolve("metrics")).isEmpty(), task + " logs per-epoch metrics");
        }
        // the comparison table and charts are artifacts of the compare run and of the parent run
        for (Path r : List.of(runs.get("compare"), parent)) {
            for (String f : List.of("comparison.txt", "comparison.json", "metrics.png", "per_quality.png")) {
                assertTrue(Files.isRegularFile(r.resolve("artifacts/comparison").resolve(f)), r + " has " + f);
            }
        }
        JsonNode cmp = Json.MAPPER.readTree(runs.get("compare").resolve("artifacts/comparison/comparison.json").toFile());
        assertEquals(MODELS, List.copyOf(iter(cmp.get("models"))));
        // stage 1 vs teacher; stage 2 vs teacher, vs baseline, on rare qualities; teacher, stage 1, stage 2 vs the template
        assertEquals(7, cmp.get("claims").size());
        assertEquals(MODELS, List.copyOf(iter(cmp.at("/splits/heldout/models"))), "the held-out split has its own table");
        assertTrue(run.out().contains("stage-1 student reaches"), "the run prints the comparison: " + run.out());

        // registry: the teacher as champion, the stage-2 student as challenger
        assertEquals("1", Files.readString(mlruns.resolve("models/btc-student/aliases/challenger")).strip());
        assertEquals("1", Files.readString(mlruns.resolve("models/btc-teacher/aliases/champion")).strip());

        // a user recognises chords in audio with the registered student
        Path audio = firstAudio(state);
        Path labs = state.resolve("recognized");
        Out rec = cli("recognize", audio.toString(), "--model", "models:/btc-student@challenger",
                "--tracking-uri", mlruns.toUri().toString(), "--out", labs.toString());
        assertEquals(0, rec.code(), rec.err());
        String name = audio.getFileName().toString().replace(".wav", ".lab");
        assertFalse(LabFile.read(labs.resolve(name)).isEmpty(), "recognised segments");

        // an experiment can use the registered teacher instead of training one
        String spec = Files.readString(Path.of(System.getProperty("chordflow.root"), "experiments", "btc-kd.yaml"))
                .replace("name: btc-kd", "name: btc-kd-registered");
        int t = spec.indexOf("\nteacher:");
        int end = spec.indexOf("\n\n", t + 1);
        spec = spec.substring(0, t) + "\nteacher:\n  uri: models:/btc-teacher@champion" + spec.substring(end);
        spec = spec.replaceAll("(?m)^    teacher: \\{model:.*$", "");
        Path registered = Files.writeString(state.resolve("btc-kd-registered.yaml"), spec);
        Out fromRegistry = cli("run", registered.toString(), "--profile", "smoke", "--state", state.toString());
        assertEquals(0, fromRegistry.code(), fromRegistry.out() + fromRegistry.err());
        assertFalse(fromRegistry.out().contains("train-teacher"), "no teacher is trained: " + fromRegistry.out());

        // a second run comes from the cache
        Out again = cli("run", "btc-kd", "--profile", "smoke", "--state", state.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 ran"), again.out());
    }

    private static Map<String, Path> runsByName(Path mlruns) throws IOException {
        Map<String, Path> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(mlruns, 4)) {
            for (Path p : s.filter(p -> p.endsWith(Path.of("tags", "mlflow.runName"))).toList()) {
                out.put(Files.readString(p).strip(), p.getParent().getParent());
            }
        }
        return out;
    }

    private static String tag(Path run, String key) throws IOException {
        return Files.readString(run.resolve("tags").resolve(key)).strip();
    }

    /** MLflow's RunStatus number in meta.yaml (3 = FINISHED). */
    private static String status(Path run) throws IOException {
        String meta = Files.readString(run.resolve("meta.yaml"));
        return meta.contains("status: 3") ? "FINISHED" : meta;
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path firstAudio(Path state) throws IOException {
        try (Stream<Path> s = Files.walk(state.resolve(".chordflow/artifacts"))) {
            return s.filter(p -> p.toString().endsWith(".wav") && p.toString().contains("/test/audio/")).sorted().findFirst().orElseThrow();
        }
    }

    private static List<String> iter(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
