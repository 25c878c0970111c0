package io.chordflow.beats.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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

class EvalBeatsCommandTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = Cli.commandLine(new EvalBeatsCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void beatAndDownbeatFMeasureAfterTheFiveSecondTrim(@TempDir Path dir) throws Exception {
        StringBuilder ref = new StringBuilder();
        StringBuilder est = new StringBuilder();
        for (int k = 0; k < 40; k++) {
            ref.append(0.5 * k).append(' ').append(k % 4 + 1).append('\n');
            // estimate: right beats, but the bar starts one beat late after 10 s
            est.append(0.5 * k + 0.02).append(' ').append((k < 20 ? k : k + 3) % 4 + 1).append('\n');
        }
        Path r = Files.writeString(dir.resolve("ref.beats"), ref);
        Path e = Files.writeString(dir.resolve("est.beats"), est);
        Result res = run(r.toString(), e.toString());
        assertEquals(0, res.code(), res.err());
        JsonNode j = Json.MAPPER.readTree(res.out());
        assertEquals(1.0, j.get("F-measure").asDouble(), 1e-12);
        // downbeats from 5 s: ref 6, 8, ..., 18 (7); est 6.02, 8.02, then 10.52, 12.52, ..., 18.52 (7): 2 hits
        assertEquals(2.0 / 7, j.get("Downbeat F-measure").asDouble(), 1e-12);
        Result all = run(r.toString(), e.toString(), "--min-beat-time", "0");
        assertEquals(5.0 / 10, Json.MAPPER.readTree(all.out()).get("Downbeat F-measure").asDouble(), 1e-12);
    }

    @Test
    void timesOnlyGiveNoDownbeatScore(@TempDir Path dir) throws Exception {
        Path r = Files.writeString(dir.resolve("ref.txt"), "5.0\n5.5\n6.0\n");
        Path e = Files.writeString(dir.resolve("est.txt"), "5.0\n5.5\n");
        JsonNode j = Json.MAPPER.readTree(run(r.toString(), e.toString()).out());
        assertEquals(0.8, j.get("F-measure").asDouble(), 1e-12);
        assertNull(j.get("Downbeat F-measure"));
    }

    @Test
    void badLineIsExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path r = Files.writeString(dir.resolve("ref.beats"), "1.0 1\n1.5 two\n");
        Path e = Files.writeString(dir.resolve("est.beats"), "1.0 1\n");
        Result res = run(r.toString(), e.toString());
        assertEquals(2, res.code());
        assertEquals("eval-beats: " + r + " line 2: beat position 'two' must be a whole number >= 1 (1 = downbeat)", res.err().strip());
        assertFalse(res.err().contains("Exception"));
    }
}
