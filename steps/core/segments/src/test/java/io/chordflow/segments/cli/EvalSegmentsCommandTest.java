package io.chordflow.segments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalSegmentsCommandTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = Cli.commandLine(new EvalSegmentsCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsMirEvalScoresAsJson(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.lab"), "0 10 intro\n10 20 verse\n20 30 chorus\n");
        Path est = Files.writeString(dir.resolve("est.lab"), "0 10.2 intro\n10.2 22 verse\n22 30 chorus\n");
        Result r = run(ref.toString(), est.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(0.75, j.get("F-measure@0.5").asDouble(), 1e-12); // 0, 10, 30 hit; 20 vs 22 misses
        assertEquals(1.0, j.get("F-measure@3.0").asDouble(), 1e-12);
        Result trimmed = run(ref.toString(), est.toString(), "--trim");
        assertEquals(0.5, Json.MAPPER.readTree(trimmed.out()).get("F-measure@0.5").asDouble(), 1e-12);
    }

    @Test
    void badLineIsExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.lab"), "0 10 intro\n10 x verse\n");
        Path est = Files.writeString(dir.resolve("est.lab"), "0 10 intro\n");
        Result r = run(ref.toString(), est.toString());
        assertEquals(2, r.code());
        assertEquals("eval-segments: " + ref + " line 2: end time 'x' is not a number", r.err().strip());
        assertFalse(r.err().contains("Exception"));
        Path empty = Files.writeString(dir.resolve("empty.lab"), "# nothing\n");
        Result e = run(empty.toString(), est.toString());
        assertEquals(2, e.code());
        assertEquals("eval-segments: " + empty + ": no segments (a reference must have at least one)", e.err().strip());
        // an empty estimate is scored, as mir_eval does (it becomes one __T_MIN segment)
        assertEquals(0, run(est.toString(), empty.toString()).code());
    }
}
