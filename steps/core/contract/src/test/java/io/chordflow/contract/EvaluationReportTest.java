package io.chordflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json: what the evaluate step writes is what compare, gate, register and promotion read back. */
class EvaluationReportTest {
    private static final String HASH = "ab".repeat(32);

    private static EvaluationReport chords() {
        Map<String, Double> total = new LinkedHashMap<>();
        total.put("root", 0.8);
        total.put("majmin", 0.7);
        total.put("tetrads", 0.5);
        Map<String, Double> maj = new LinkedHashMap<>();
        maj.put("root", 0.9);
        maj.put("majmin", 0.85);
        maj.put("tetrads", null); // never counted
        return EvaluationReport.of("teacher", EvaluationReport.CHORDS,
                new EvaluationReport.Suite("test", HASH, List.of(new EvaluationReport.Suite.Split("test", "s3://b/f", "s3://b/l"))),
                List.of("bad-song"), total, Map.of("root", 0.75, "majmin", 0.65, "tetrads", 0.45), 0.66,
                Map.of("maj", new EvaluationReport.Quality(12.5, 0.6, maj)),
                Map.of("s1", EvaluationReport.Song.of(total)));
    }

    private static String parseError(String json) {
        return assertThrows(InputException.class,
                () -> EvaluationReport.parse(json.getBytes(StandardCharsets.UTF_8), "eval/metrics.json")).getMessage();
    }

    @Test
    void aWrittenReportReadsBackEqualWithTodaysFieldNames(@TempDir Path dir) throws Exception {
        EvaluationReport r = chords();
        r.write(dir);
        EvaluationReport back = EvaluationReport.read(dir.resolve("metrics.json"));
        assertEquals(r, back);
        assertEquals(Double.NaN, back.qualityAccuracy("maj", "tetrads"));
        assertEquals(0.85, back.qualityAccuracy("maj", "majmin"));
        // the field names MLflow metrics, workflows and older readers use stay as they were
        JsonNode doc = Contract.MAPPER.readTree(Files.readAllBytes(dir.resolve("metrics.json")));
        assertEquals(EvaluationReport.SCHEMA_VERSION, doc.get("schema_version").asInt());
        assertEquals(List.of("schema_version", "name", "task", "suite", "songs_skipped", "total", "mean", "paper_mean",
                "per_quality", "songs"), names(doc));
        assertEquals(12.5, doc.at("/per_quality/maj/duration").asDouble());
        assertTrue(doc.at("/per_quality/maj/tetrads").isNull());
        assertEquals(0.8, doc.at("/songs/s1/root").asDouble());
        assertEquals(HASH, doc.at("/suite/hash").asText());
    }

    @Test
    void aKeyReportKeepsEachSongsReferenceAndEstimate() {
        Map<String, Double> total = Map.of("weighted_score", 0.75, "mirex_weighted_score", 0.8, "accuracy", 0.5);
        EvaluationReport r = EvaluationReport.of("key-model", EvaluationReport.KEY, null, List.of(), total, null, null, null,
                Map.of("s1", new EvaluationReport.Song("C major", "G major", Map.of("weighted_score", 0.5))));
        EvaluationReport back = EvaluationReport.parse(r.toJson(), "k.json");
        assertEquals(r, back);
        assertEquals("G major", back.songs().get("s1").estimate());
        String json = new String(r.toJson(), StandardCharsets.UTF_8);
        assertTrue(!json.contains("paper_mean") && !json.contains("per_quality") && !json.contains("\"mean\""), json);
    }

    @Test
    void anUnknownFieldIsNamedWithTheFileAndTheNearestKnownField() {
        assertEquals("eval/metrics.json: field songs_skiped: unknown field (did you mean songs_skipped?)",
                parseError("{\"total\": {\"root\": 0.5}, \"songs_skiped\": []}"));
        assertEquals("eval/metrics.json: field suite.split: unknown field (did you mean splits?)",
                parseError("{\"suite\": {\"name\": \"t\", \"hash\": \"" + HASH + "\", \"split\": []}, \"total\": {\"root\": 0.5}}"));
        // inside the flat per-quality rows, a name that is not a metric of total
        assertEquals("eval/metrics.json: field per_quality.maj.rot: not a metric of total [root]",
                parseError("{\"total\": {\"root\": 0.5}, \"per_quality\": {\"maj\": {\"duration\": 1, \"share\": 1, \"rot\": 0.4}}}"));
    }

    @Test
    void badValuesAreNamed() {
        assertEquals("eval/metrics.json: field total: expected an object of metric name -> number", parseError("{\"total\": [1, 2]}"));
        assertTrue(parseError("{\"name\": \"x\"}").startsWith("eval/metrics.json: field total: missing"));
        assertTrue(parseError("{\"total\": {\"root\": \"high\"}}").startsWith("eval/metrics.json: field total.root: expected a number"));
        assertEquals("eval/metrics.json: field songs.s1.root: expected a number, got 'x'",
                parseError("{\"total\": {\"root\": 0.5}, \"songs\": {\"s1\": {\"root\": \"x\"}}}"));
        assertEquals("eval/metrics.json: field suite.hash: expected 64 hex digits, got 'abc'",
                parseError("{\"suite\": {\"name\": \"t\", \"hash\": \"abc\"}, \"total\": {\"root\": 0.5}}"));
        assertTrue(parseError("{\"total\": ").startsWith("eval/metrics.json: not valid JSON: "));
        assertEquals("eval/metrics.json: field task: 'beats': expected chords or key",
                parseError("{\"task\": \"beats\", \"total\": {\"root\": 0.5}}"));
    }

    @Test
    void aReportWithoutAVersionIsTheUnversionedShapeAndANewerOneIsRejected() {
        // as the evaluate step wrote metrics.json before schema_version (cached evaluations)
        EvaluationReport old = EvaluationReport.parse(("{\"name\": \"teacher\", \"suite\": {\"name\": \"test\", \"hash\": \"" + HASH
                + "\", \"splits\": [{\"name\": \"test\", \"features\": \"f\", \"labels\": \"l\"}]}, \"songs_skipped\": [],"
                + " \"songs\": {\"s1\": {\"root\": 0.5}}, \"total\": {\"root\": 0.5, \"majmin\": 0.25}, \"mean\": {\"root\": 0.5,"
                + " \"majmin\": 0.25}, \"paper_mean\": 0.375, \"per_quality\": {\"maj\": {\"duration\": 3.0, \"share\": 1.0,"
                + " \"root\": 0.5, \"majmin\": null}}}").getBytes(StandardCharsets.UTF_8), "old.json");
        assertEquals(EvaluationReport.UNVERSIONED, old.schemaVersion());
        assertEquals(EvaluationReport.CHORDS, old.task());
        assertEquals(0.25, old.value("majmin", "old.json"));
        assertEquals(0.375, old.value("paper_mean", "old.json"));
        assertEquals("test", old.suite().splits().get(0).name());
        assertTrue(parseError("{\"schema_version\": 3, \"total\": {\"root\": 0.5}}")
                .startsWith("eval/metrics.json: field schema_version: 3 is not a version this chordflow reads (1 to 2"));
    }

    @Test
    void aMissingMetricNamesThePathAndWhatTotalHas() {
        EvaluationReport r = EvaluationReport.parse("{\"total\": {\"root\": 0.5}}".getBytes(StandardCharsets.UTF_8), "m.json");
        assertEquals(0.5, r.value("total.root", "m.json"));
        assertEquals("m.json: field total.weighted_score: missing (total has [root])",
                assertThrows(InputException.class, () -> r.value("weighted_score", "m.json")).getMessage());
        assertEquals("m.json: field mean.root: missing (total has [root])",
                assertThrows(InputException.class, () -> r.value("mean.root", "m.json")).getMessage());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
