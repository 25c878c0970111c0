package io.chordflow.steps.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.cli.EvalChordsCommand;
import io.chordflow.chords.eval.ChordEvaluator;
import io.chordflow.chords.eval.DatasetScores;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareStepTest {
    private static final List<ChordSegment> REF = List.of(
            new ChordSegment(0, 4, "C:maj"), new ChordSegment(4, 6, "A:min"), new ChordSegment(6, 7, "B:hdim7"), new ChordSegment(7, 8, "G:7"));

    /** A model's metrics as evaluation writes them, from an estimate scored for real. */
    private static Path metrics(Path dir, String name, List<ChordSegment> est) throws Exception {
        DatasetScores d = new DatasetScores();
        d.add("song", ChordEvaluator.score(REF, est));
        Path f = dir.resolve(name + ".json");
        Files.write(f, Json.IN_ORDER.writeValueAsBytes(EvalChordsCommand.asJson(d)));
        return f;
    }

    @Test
    void writesTableChartsAndChecksTheClaims(@TempDir Path dir) throws Exception {
        Path teacher = metrics(dir, "teacher", REF);
        Path baseline = metrics(dir, "baseline", List.of(new ChordSegment(0, 6, "C:maj"), new ChordSegment(6, 8, "G:maj")));
        Path stage1 = metrics(dir, "stage1", List.of(new ChordSegment(0, 4, "C:maj"), new ChordSegment(4, 6, "A:min"), new ChordSegment(6, 8, "G:7")));
        Path stage2 = metrics(dir, "stage2", REF);
        Path out = dir.resolve("report");
        Path mlruns = dir.resolve("mlruns");
        java.util.Map<String, String> env = java.util.Map.of("MLFLOW_TRACKING_URI", mlruns.toUri().toString(), "CHORDFLOW_TASK", "compare");
        int code = Cli.execute(new CompareStep(env), "--metrics", "teacher=" + teacher, "--metrics", "baseline=" + baseline,
                "--metrics", "stage1=" + stage1, "--metrics", "stage2=" + stage2, "--output", out.toString());
        assertEquals(0, code);
        for (String png : List.of("metrics.png", "per_quality.png")) {
            byte[] b = Files.readAllBytes(out.resolve(png));
            assertTrue(b.length > 5000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
        }
        JsonNode doc = Json.MAPPER.readTree(out.resolve("comparison.json").toFile());
        assertEquals(List.of("teacher", "baseline", "stage1", "stage2"), List.copyOf(iter(doc.get("models"))));
        assertEquals(1.0, doc.at("/models/stage2/mean").asDouble(), 1e-12);
        assertEquals(0.0, doc.at("/models/baseline/per_quality_tetrads/hdim7").asDouble(), 1e-12);
        JsonNode claims = doc.get("claims");
        assertEquals(3, claims.size());
        // stage1 misses the hdim7 second entirely: below 95% of the teacher's mean
        assertFalse(claims.get(0).get("holds").asBoolean(), claims.get(0).toString());
        assertTrue(claims.get(1).get("holds").asBoolean());
        assertTrue(claims.get(2).get("holds").asBoolean());
        String txt = Files.readString(out.resolve("comparison.txt"));
        assertTrue(txt.contains("[not met]") && txt.contains("hdim7"), txt);
        assertTrue(Files.exists(out.resolve("provenance.json")));
        // the step's MLflow run holds the table, charts and per-model means
        try (var files = Files.walk(mlruns)) {
            List<Path> all = files.toList();
            assertTrue(all.stream().anyMatch(p -> p.endsWith(Path.of("artifacts", "comparison", "metrics.png"))), all.toString());
            assertTrue(all.stream().anyMatch(p -> p.endsWith(Path.of("metrics", "mean7_stage2"))));
            assertTrue(all.stream().anyMatch(p -> p.endsWith(Path.of("tags", "mlflow.runName"))
                    && read(p).equals("compare")));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void missingMetricFieldIsNamed(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"total\": {\"root\": 0.5}}");
        assertEquals(Cli.BAD_INPUT, Cli.execute(new CompareStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())),
                "--metrics", "x=" + bad, "--output", dir.resolve("o").toString()));
    }

    private static java.util.List<String> iter(JsonNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
