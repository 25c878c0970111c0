package io.chordflow.chords.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalChordsCommandTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = Cli.commandLine(new EvalChordsCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void twoFilesPrintOneJsonObjectInMirEvalOrder(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.lab"), "0 2 C:maj\n2 4 G:7\n");
        Path est = Files.writeString(dir.resolve("est.lab"), "0 2 C:maj\n2 4 G:maj\n");
        Result r = run(ref.toString(), est.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("thirds", "thirds_inv", "triads", "triads_inv", "tetrads", "tetrads_inv", "root", "mirex",
                "majmin", "majmin_inv", "sevenths", "sevenths_inv", "underseg", "overseg", "seg"), keys);
        assertEquals(0.5, j.get("tetrads").asDouble(), 1e-12);
        assertEquals(1.0, j.get("triads").asDouble(), 1e-12);
    }

    @Test
    void badLabelIsExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.lab"), "0 2 C:maj\n2 4 H:min\n");
        Path est = Files.writeString(dir.resolve("est.lab"), "0 4 C:maj\n");
        Result r = run(ref.toString(), est.toString());
        assertEquals(2, r.code());
        assertEquals("eval-chords: " + ref + " line 2: label 'H:min' is not valid Harte chord syntax", r.err().strip());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void missingFileIsExitTwo(@TempDir Path dir) {
        Result r = run(dir.resolve("nope.lab").toString(), dir.resolve("nope2.lab").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.lab: no such annotation file"), r.err());
    }

    @Test
    void foldersPairByRelativePathAndReportTables(@TempDir Path dir) throws Exception {
        Path refs = Files.createDirectories(dir.resolve("ref/album"));
        Path ests = Files.createDirectories(dir.resolve("est/album"));
        Files.writeString(refs.resolve("a.lab"), "0 1 C:maj\n");
        Files.writeString(refs.resolve("b.lab"), "0 3 A:min7\n");
        Files.writeString(ests.resolve("a.lab"), "0 1 C:maj\n");
        Files.writeString(ests.resolve("b.lab"), "0 3 A:min\n");
        Result table = run("--ref-dir", dir.resolve("ref").toString(), "--est-dir", dir.resolve("est").toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("album/a"), table.out());
        assertTrue(table.out().contains("total (duration-weighted)"), table.out());
        assertTrue(table.out().contains("min7"), table.out());

        Result json = run("--json", "--ref-dir", dir.resolve("ref").toString(), "--est-dir", dir.resolve("est").toString());
        JsonNode j = Json.MAPPER.readTree(json.out());
        assertEquals(0.25, j.at("/total/tetrads").asDouble(), 1e-12, "1 s of 4 s has the full quality right");
        assertEquals(0.5, j.at("/mean/tetrads").asDouble(), 1e-12);
        assertEquals(0.0, j.at("/per_quality/min7/tetrads").asDouble(), 1e-12);
        assertEquals(3.0, j.at("/per_quality/min7/duration").asDouble(), 1e-12);
        assertTrue(j.at("/per_quality/maj/sevenths").isNumber());
    }

    @Test
    void missingEstimateFailsUnlessAllowed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ref"));
        Files.createDirectories(dir.resolve("est"));
        Files.writeString(dir.resolve("ref/a.lab"), "0 1 C:maj\n");
        Files.writeString(dir.resolve("ref/b.lab"), "0 1 C:maj\n");
        Files.writeString(dir.resolve("est/a.lab"), "0 1 C:maj\n");
        String[] args = {"--ref-dir", dir.resolve("ref").toString(), "--est-dir", dir.resolve("est").toString()};
        Result r = run(args);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no estimate for 1 reference(s), e.g. b"), r.err());
        Result ok = run("--allow-missing", args[0], args[1], args[2], args[3]);
        assertEquals(Cli.PARTIAL, ok.code(), "a song skipped: partial, " + ok.err());
        assertTrue(ok.err().contains("eval-chords: 1 of 2 songs skipped"), ok.err());
    }

    @Test
    void aLabThatIsNotUtf8IsExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("ref.lab");
        Files.write(ref, "0 1 C:maj\n1 2 G:maj # caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("est.lab"), "0 2 C:maj\n");
        Result r = run(ref.toString(), dir.resolve("est.lab").toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertEquals("eval-chords: " + ref + " line 2: not UTF-8 text (save it as UTF-8)", r.err().strip());
    }

    @Test
    void aBadFileAmongManyIsSkippedListedAndPartial(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ref"));
        Files.createDirectories(dir.resolve("est"));
        Files.writeString(dir.resolve("ref/a.lab"), "0 1 C:maj\n");
        Files.writeString(dir.resolve("ref/b.lab"), "0 1 H:maj\n");
        Files.writeString(dir.resolve("est/a.lab"), "0 1 C:maj\n");
        Files.writeString(dir.resolve("est/b.lab"), "0 1 C:maj\n");
        Path list = dir.resolve("skipped.txt");
        String[] args = {"--ref-dir", dir.resolve("ref").toString(), "--est-dir", dir.resolve("est").toString(),
            "--skipped-list", list.toString()};
        Result r = run(args);
        assertEquals(Cli.PARTIAL, r.code(), r.err());
        assertTrue(r.out().contains("a"), r.out());
        assertTrue(Files.readString(list).contains("b.lab line 1: label 'H:maj'"), Files.readString(list));
        Result fatal = run(args[0], args[1], args[2], args[3], "--max-skipped", "0");
        assertEquals(Cli.BAD_INPUT, fatal.code());
        assertTrue(fatal.err().contains("1 of 2 songs skipped, more than --max-skipped 0"), fatal.err());
    }

    /** What mir_eval 0.7 does with overlapping intervals (checked with python3-mir-eval, see the report of issue 15). */
    @Test
    void overlapsAreAcceptedWhereMirEvalAcceptsThemAndRefusedWhereItRaises(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("est.lab"), "0 3 C:maj\n");
        // the same chord overlapping itself: merged into one interval, scored (mir_eval: all 1.0)
        Files.writeString(dir.resolve("same.lab"), "0 2 C:maj\n1 3 C:maj\n");
        Result ok = run(dir.resolve("same.lab").toString(), dir.resolve("est.lab").toString());
        assertEquals(0, ok.code(), ok.err());
        JsonNode j = Json.MAPPER.readTree(ok.out());
        for (String k : new String[] {"majmin", "seg", "underseg", "overseg"}) {
            assertEquals(1.0, j.get(k).asDouble(), 1e-12, k);
        }
        // different chords overlapping: mir_eval raises "Chord Intervals must not overlap"
        Files.writeString(dir.resolve("diff.lab"), "0 2 C:maj\n1 3 G:maj\n");
        Result bad = run(dir.resolve("diff.lab").toString(), dir.resolve("est.lab").toString());
        assertEquals(Cli.BAD_INPUT, bad.code());
        assertEquals("eval-chords: " + dir.resolve("diff.lab") + " vs " + dir.resolve("est.lab") + ": chord intervals must not overlap",
                bad.err().strip());
    }
}
