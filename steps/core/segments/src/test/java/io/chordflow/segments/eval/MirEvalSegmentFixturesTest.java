package io.chordflow.segments.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.io.Json;
import io.chordflow.segments.Segment;
import io.chordflow.segments.SegmentAnnotations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mir_eval's own segment fixtures (src/test/resources/mir_eval, see NOTICE.md there) and random
 * cases scored by Debian's python3-mir-eval: every ported score to 1e-9.
 */
class MirEvalSegmentFixturesTest {
    static Path resource(String name) throws Exception {
        return Path.of(MirEvalSegmentFixturesTest.class.getResource("/mir_eval/" + name).toURI());
    }

    static Stream<String> fixtures() {
        return IntStream.range(0, 10).mapToObj(i -> String.format("%02d", i));
    }

    @ParameterizedTest(name = "fixture {0}")
    @MethodSource("fixtures")
    void evaluateMatchesMirEval(String id) throws Exception {
        Map<String, Double> ours = SegmentMetrics.evaluate(SegmentAnnotations.read(resource("segment/ref" + id + ".lab")),
                SegmentAnnotations.read(resource("segment/est" + id + ".lab")), false);
        JsonNode expected = Json.MAPPER.readTree(resource("segment/output" + id + ".json").toFile());
        assertEquals(11, ours.size());
        ours.forEach((key, value) -> assertEquals(expected.get(key).asDouble(), value, 1e-9, "fixture " + id + " " + key));
    }

    @Test
    void randomCasesMatchDebianMirEval() throws Exception {
        JsonNode doc = Json.MAPPER.readTree(resource("random-segment-cases.json").toFile());
        int n = 0;
        for (JsonNode c : doc.get("cases")) {
            List<Segment> ref = segments(c.get("ref"));
            List<Segment> est = segments(c.get("est"));
            for (String variant : List.of("scores", "trimmed")) {
                Map<String, Double> ours = SegmentMetrics.evaluate(ref, est, variant.equals("trimmed"));
                JsonNode expected = c.get(variant);
                int k = n;
                ours.forEach((key, value) -> {
                    JsonNode e = expected.get(key);
                    assertEquals(e.isNull() ? Double.NaN : e.asDouble(), value, 1e-9, "case " + k + " " + variant + " " + key);
                });
            }
            n++;
        }
        assertEquals(60, n);
    }

    static List<Segment> segments(JsonNode rows) {
        List<Segment> out = new ArrayList<>();
        rows.forEach(r -> out.add(new Segment(r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asText())));
        return out;
    }
}
