package io.chordflow.steps.evaluate.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.train.Objective;
import io.chordflow.model.train.Trainer;
import io.chordflow.contract.TrainingSettings;
import io.chordflow.steps.evaluate.EvaluateStep;
import io.chordflow.tracking.RunSpec;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.suite.SuiteScores;
import io.chordflow.tracking.suite.VersionScores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The promote command end to end on the real file store: real models evaluated by the evaluate
 * step on two suites (the in-distribution {@code test} split and a {@code heldout} split).
 */
class PromoteCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;

    /** A: a model trained a few epochs; B: the same architecture untrained (random weights). */
    @BeforeAll
    static void modelsAndSuites() throws Exception {
        double fs = FeatureSpec.BTC.frameSeconds();
        SyntheticChords.writeCorpus(dir.resolve("train/features"), dir.resolve("train/labels"), 8, 150, Vocabulary.MAJMIN, 1, fs);
        SyntheticChords.writeCorpus(dir.resolve("test/features"), dir.resolve("test/labels"), 3, 150, Vocabulary.MAJMIN, 2, fs);
        SyntheticChords.writeCorpus(dir.resolve("heldout/features"), dir.resolve("heldout/labels"), 3, 150, Vocabulary.MAJMIN, 3, fs);
        ModelConfig c = new ModelConfig("btc", 25, null, 32, 1, 2, 32, 0.1, 48, null, null, null, null);
        TrainingSettings s = new TrainingSettings(6, 8, 24, 0.0, "focal", null, 3e-3, null, null, null, null, null,
                "constant", null, null, null, 1.0, null, null, null, null, null, null);
        List<Track> train = TrackLoader.load(dir.resolve("train/features"), dir.resolve("train/labels"), TargetKind.LAB,
                Vocabulary.MAJMIN, fs, 144);
        Normalization norm = Normalization.of(train);
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Models.initialized(c, m, 1);
            ModelArtifact.save(dir.resolve("B"), c, "majmin", FeatureSpec.BTC, norm, b);
            new Trainer(b, m, s, Objective.of(s, null), 1, dir.resolve("work")).train(train, List.of(), norm, 48);
            ModelArtifact.save(dir.resolve("A"), c, "majmin", FeatureSpec.BTC, norm, b);
        }
        env = Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString(), "MLFLOW_EXPERIMENT_NAME", "test");
    }

    /** Evaluates {@code model} on {@code split} and registers it as a new version of m, as the register step does. */
    static String register(String model, String split) throws Exception {
        Path out = dir.resolve("eval-" + model + "-" + split);
        assertEquals(0, Cli.execute(new EvaluateStep(env), "--model", dir.resolve(model).toString(), "--features",
                dir.resolve(split + "/features").toString(), "--labels", dir.resolve(split + "/labels").toString(),
                "--output", out.toString()));
        JsonNode doc = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        try (Tracker t = Trackers.from(env)) {
            String runId = t.startRun(new RunSpec("test", "register", null, Map.of())).runId();
            return t.registry().register("m", dir.resolve(model).toUri().toString(), runId,
                    VersionScores.tags(SuiteScores.fromMetricsDoc(doc, runId, "metrics.json"), true)).version();
        }
    }

    record Result(int code, String out, String err) {
    }

    static Result promote(String... args) {
        CommandLine cl = Cli.commandLine(new PromoteCommand(env));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = Stream.concat(Stream.of(args), Stream.of("--work", dir.resolve("promote").toString())).toArray(String[]::new);
        return new Result(cl.execute(all), out.toString(), err.toString());
    }

    static ModelVersion version(String v) {
        try (Tracker t = Trackers.from(env)) {
            return t.registry().version("m", v);
        }
    }

    static String champion() {
        try (Tracker t = Trackers.from(env)) {
            return t.registry().resolve("models:/m@champion").version();
        }
    }

    static long evaluationRuns() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("mlruns"))) {
            return s.filter(p -> p.endsWith(Path.of("tags", "mlflow.runName"))).filter(p -> {
                try {
                    return Files.readString(p).startsWith("promote-eval-");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
    }

    @Test
    void championsAreComparedOnTheCandidatesSuiteOnly() throws Exception {
        assertEquals("1", register("B", "test"));
        Result first = promote("m", "1");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("first champion"), first.out());

        // v2 (trained) was scored on heldout only; the champion has no heldout score: it is evaluated there first
        assertEquals("2", register("A", "heldout"));
        String heldout = VersionScores.pick(version("2"), null).suite().hash();
        assertEquals(0, evaluationRuns());
        Result better = promote("m", "2");
        assertEquals(0, better.code(), better.out() + better.err());
        assertEquals(1, evaluationRuns());
        assertEquals("2", champion());
        SuiteScores v1OnHeldout = VersionScores.on(version("1"), heldout).orElseThrow();
        SuiteScores v2OnHeldout = VersionScores.on(version("2"), heldout).orElseThrow();
        assertTrue(better.out().contains("suite heldout (content hash " + heldout + ")"), better.out());
        assertTrue(better.out().contains(String.format(java.util.Locale.ROOT, "%.4f", v1OnHeldout.totals().get("majmin"))),
                better.out());
        assertTrue(v2OnHeldout.totals().get("majmin") > v1OnHeldout.totals().get("majmin"));
        // the decision and its report are on the candidate's version
        ModelVersion v2 = version("2");
        assertTrue(v2.tags().get(Tags.PROMOTION).contains("on suite heldout@"), v2.tags().get(Tags.PROMOTION));
        Path report = Path.of(URI.create(v2.tags().get(Tags.PROMOTION_REPORT)));
        assertTrue(report.toString().contains(v2.runId()), report.toString());
        JsonNode json = Json.MAPPER.readTree(report.resolve("promotion.json").toFile());
        assertEquals(heldout, json.path("suite").path("hash").asText());
        assertEquals(v1OnHeldout.totals().get("root"), json.path("champion").path("total").path("root").asDouble(), 1e-12);
        assertTrue(Files.size(report.resolve("per_quality.png")) > 1000);
        assertTrue(Files.readString(report.resolve("promotion.txt")).contains("decision: "));

        // v3: the trained model on test; champion v2 has no test score: one evaluation, recorded and then reused
        assertEquals("3", register("A", "test"));
        Result same = promote("m", "3");
        assertEquals(1, same.code(), same.out());
        assertTrue(same.err().contains("not better"), same.err());
        assertEquals(2, evaluationRuns());
        Result again = promote("m", "3");
        assertEquals(1, again.code());
        assertEquals(2, evaluationRuns(), "the champion's evaluation on test is reused, not repeated");
        assertEquals("2", champion());

        // thresholds through the command line: B vs A on heldout fails on the gain and on the drops
        assertEquals("4", register("B", "heldout"));
        Result worse = promote("m", "4", "--min-gain", "-1", "--max-drop", "0.05");
        assertEquals(1, worse.code());
        assertTrue(worse.err().contains("--max-drop 0.0500") && !worse.err().contains("not better"), worse.err());

        Result noReason = promote("m", "4", "--force");
        assertEquals(Cli.BAD_INPUT, noReason.code());
        Result forced = promote("m", "4", "--force", "--reason", "rollback drill");
        assertEquals(0, forced.code(), forced.err());
        assertEquals("4", champion());
        assertEquals("rollback drill", version("4").tags().get(Tags.FORCED_REASON));
        assertTrue(version("4").tags().get(Tags.PROMOTION).startsWith("champion: forced: "));
        assertFalse(forced.out().isBlank());
    }
}
