package io.chordflow.steps.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.steps.evaluate.rounds.Gate;
import io.chordflow.tracking.RunSpec;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateStepTest {
    @TempDir
    Path dir;

    private Path metrics(String name, double majmin) throws Exception {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, "{\"name\": \"" + name + "\", \"total\": {\"root\": 0.9, \"majmin\": " + majmin + "}}");
        return f;
    }

    private Map<String, String> env() {
        return Map.of("MLFLOW_TRACKING_URI", "file://" + dir.resolve("mlruns"), "MLFLOW_EXPERIMENT_NAME", "gate-test");
    }

    @Test
    void aBetterStudentIsPromotedAndBecomesTheChampion() throws Exception {
        Path out = dir.resolve("gate");
        int code = Cli.execute(new GateStep(env()), "--round", "1", "--teacher-metrics", metrics("t", 0.60).toString(),
                "--student-metrics", metrics("s", 0.65).toString(), "--metric", "total.majmin", "--teacher-model", "s3://b/teacher",
                "--student-model", "s3://b/student", "--output", out.toString(), "--parameters", dir.resolve("params").toString());
        assertEquals(0, code);
        assertEquals("true", Files.readString(out.resolve("promoted")));
        assertEquals("true", Files.readString(dir.resolve("params/promoted")));
        assertEquals("s3://b/student", Files.readString(dir.resolve("params/champion")));
        JsonNode g = Json.MAPPER.readTree(out.resolve("gate.json").toFile());
        assertEquals(0.60, g.get("teacher").asDouble(), 1e-12);
        assertEquals(0.65, g.get("student").asDouble(), 1e-12);
        assertTrue(g.get("reason").asText().contains("beats"), g.toString());
        assertTrue(Files.exists(out.resolve("provenance.json")));
    }

    @Test
    void aStudentThatDoesNotBeatItsTeacherStopsTheRoundsAndTheTeacherStaysChampion() throws Exception {
        Path out = dir.resolve("gate");
        assertEquals(0, Cli.execute(new GateStep(env()), "--round", "2", "--teacher-metrics", metrics("t", 0.60).toString(),
                "--student-metrics", metrics("s", 0.60).toString(), "--metric", "majmin", "--teacher-model", "s3://b/teacher",
                "--student-model", "s3://b/student", "--output", out.toString()));
        assertEquals("false", Files.readString(out.resolve("promoted")));
        assertEquals("s3://b/teacher", Files.readString(out.resolve("champion")));
        assertTrue(Json.MAPPER.readTree(out.resolve("gate.json").toFile()).get("reason").asText().contains("rounds stop here"));
        // a margin: 0.62 vs 0.60 does not clear min-delta 0.05
        Gate.Decision d = Gate.decide(1, "majmin", 0.60, 0.62, 0.05, "t", "s");
        assertFalse(d.promoted());
        assertEquals("t", d.champion());
    }

    @Test
    void aRoundThatDidNotRunReadsNothingAndPassesTheChampionOn() throws Exception {
        Path out = dir.resolve("gate");
        assertEquals(0, Cli.execute(new GateStep(env()), "--round", "3", "--teacher-metrics", dir.resolve("absent/metrics.json").toString(),
                "--student-metrics", dir.resolve("absent2/metrics.json").toString(), "--previous", "false",
                "--teacher-model", "s3://b/round1", "--student-model", "s3://b/round3", "--output", out.toString()));
        assertEquals("false", Files.readString(out.resolve("promoted")));
        assertEquals("s3://b/round1", Files.readString(out.resolve("champion")));
        JsonNode g = Json.MAPPER.readTree(out.resolve("gate.json").toFile());
        assertFalse(g.get("ran").asBoolean());
        assertTrue(g.get("teacher").isNull());
        assertFalse(Files.exists(dir.resolve("mlruns")), "a round that did not run records no run");
    }

    @Test
    void theRoundIsAChildRunWithBothModelsMetrics() throws Exception {
        try (Tracker tracker = Trackers.from(env())) {
            String parent = tracker.startRun(new RunSpec("gate-test", "parent", null, Map.of())).runId();
            Map<String, String> env = new java.util.HashMap<>(env());
            env.put("MLFLOW_PARENT_RUN_ID", parent);
            assertEquals(0, Cli.execute(new GateStep(env), "--round", "1", "--teacher-metrics", metrics("t", 0.5).toString(),
                    "--student-metrics", metrics("s", 0.7).toString(), "--output", dir.resolve("g").toString()));
        }
        // MLflow's file layout: the round's run carries the parent tag and both models' metrics
        Path exp;
        try (var s = Files.list(dir.resolve("mlruns"))) {
            exp = s.filter(p -> Files.isDirectory(p) && Files.exists(p.resolve("meta.yaml")) && !p.getFileName().toString().equals("0")
                    && !p.getFileName().toString().equals(".trash")).findFirst().orElseThrow();
        }
        Path round;
        try (var s = Files.list(exp)) {
            round = s.filter(p -> Files.exists(p.resolve("tags/mlflow.runName"))).filter(p -> {
                try {
                    return Files.readString(p.resolve("tags/mlflow.runName")).equals("round-1");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
        assertTrue(Files.exists(round.resolve("tags/mlflow.parentRunId")));
        assertTrue(Files.exists(round.resolve("metrics/teacher.majmin")));
        assertTrue(Files.exists(round.resolve("metrics/student.majmin")));
        assertTrue(Files.readString(round.resolve("metrics/promoted")).contains(" 1.0 "));
    }

    @Test
    void aMissingMetricIsBadInputNamingTheField() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"total\": {\"root\": 0.5}}");
        assertEquals(Cli.BAD_INPUT, Cli.execute(new GateStep(env()), "--round", "1", "--teacher-metrics", bad.toString(),
                "--student-metrics", bad.toString(), "--metric", "weighted_score", "--output", dir.resolve("o").toString()));
    }

    @Test
    void evaluationsOfDifferentSuitesAreNotCompared() throws Exception {
        Path t = Files.writeString(dir.resolve("t.json"), "{\"suite\": {\"name\": \"valid\", \"hash\": \"" + "a".repeat(64)
                + "\"}, \"total\": {\"majmin\": 0.6}}");
        Path s = Files.writeString(dir.resolve("s.json"), "{\"suite\": {\"name\": \"test\", \"hash\": \"" + "b".repeat(64)
                + "\"}, \"total\": {\"majmin\": 0.9}}");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = Cli.commandLine(new GateStep(env()));
        cl.setErr(new java.io.PrintWriter(err));
        assertEquals(Cli.BAD_INPUT, cl.execute("--round", "1", "--teacher-metrics", t.toString(), "--student-metrics",
                s.toString(), "--metric", "majmin", "--output", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("not comparable"), err.toString());
        assertFalse(Files.exists(dir.resolve("o/promoted")));
        assertFalse(Files.exists(dir.resolve("mlruns")), "bad input: no round run recorded");
    }
}
