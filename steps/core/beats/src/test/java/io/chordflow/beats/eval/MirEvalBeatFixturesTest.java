package io.chordflow.beats.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.beats.BeatAnnotations;
import io.chordflow.beats.BeatFile;
import io.chordflow.common.io.Json;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mir_eval's own beat fixtures (src/test/resources/mir_eval, see NOTICE.md there) and random
 * cases scored by Debian's python3-mir-eval: the F-measure to 1e-9.
 */
class MirEvalBeatFixturesTest {
    static Path resource(String name) throws Exception {
        return Path.of(MirEvalBeatFixturesTest.class.getResource("/mir_eval/" + name).toURI());
    }

    static Stream<String> fixtures() {
        return IntStream.range(0, 10).mapToObj(i -> String.format("%02d", i));
    }

    @ParameterizedTest(name = "fixture {0}")
    @MethodSource("fixtures")
    void evaluateMatchesMirEval(String id) throws Exception {
        double[] ref = BeatAnnotations.times(BeatFile.read(resource("beat/ref" + id + ".txt")));
        double[] est = BeatAnnotations.times(BeatFile.read(resource("beat/est" + id + ".txt")));
        JsonNode expected = Json.MAPPER.readTree(resource("beat/output" + id + ".json").toFile());
        assertTrue(ref.length > 0 && est.length > 0);
        assertEquals(expected.get("F-measure").asDouble(), BeatMetrics.evaluate(ref, est).get("F-measure"), 1e-9, "fixture " + id);
    }

    @Test
    void randomCasesMatchDebianMirEval() throws Exception {
        JsonNode doc = Json.MAPPER.readTree(resource("random-beat-cases.json").toFile());
        int n = 0;
        for (JsonNode c : doc.get("cases")) {
            double[] ref = array(c.get("ref"));
            double[] est = array(c.get("est"));
            assertEquals(c.get("f_measure").asDouble(), BeatMetrics.fMeasure(ref, est, c.get("window").asDouble()), 1e-9, "case " + n);
            assertEquals(c.get("evaluate_f_measure").asDouble(), BeatMetrics.evaluate(ref, est).get("F-measure"), 1e-9, "case " + n);
            n++;
        }
        assertEquals(60, n);
    }

    static double[] array(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
