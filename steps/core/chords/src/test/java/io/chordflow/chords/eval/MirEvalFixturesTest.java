package io.chordflow.chords.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.LabFile;
import io.chordflow.common.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** mir_eval's own chord fixtures (refNN.lab, estNN.lab, outputNN.json), every score to 1e-9. */
class MirEvalFixturesTest {
    static Path fixtures() {
        return Path.of(System.getProperty("chordflow.shared", "../../../../shared"), "fixtures", "mir_eval-chord");
    }

    static Stream<Arguments> cases() throws Exception {
        Path dir = fixtures();
        if (!Files.isDirectory(dir)) {
            // A user's clone without ../shared still passes; the skip says why.
            return Stream.of(Arguments.of("(fixtures absent: " + dir + ")", null));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("output\\d+\\.json")).sorted()
                    .map(n -> n.substring(6, n.length() - 5)).map(id -> Arguments.of(id, dir)).toList().stream();
        }
    }

    @ParameterizedTest(name = "fixture {0}")
    @MethodSource("cases")
    void matchesMirEval(String id, Path dir) throws Exception {
        assumeTrue(dir != null, "mir_eval fixtures not found beside the clone (../shared/fixtures/mir_eval-chord); skipped");
        Map<String, Double> ours = ChordEvaluator.evaluate(
                LabFile.read(dir.resolve("ref" + id + ".lab")), LabFile.read(dir.resolve("est" + id + ".lab")));
        JsonNode expected = Json.MAPPER.readTree(dir.resolve("output" + id + ".json").toFile());
        assertEquals(ChordEvaluator.KEYS.size(), expected.size());
        expected.fieldNames().forEachRemaining(key -> {
            assertTrue(ours.containsKey(key), key);
            assertEquals(expected.get(key).asDouble(), ours.get(key), 1e-9, "fixture " + id + " " + key);
        });
        assertEquals(ChordEvaluator.KEYS, java.util.List.copyOf(ours.keySet()));
    }
}
