package io.chordflow.steps.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundsReportStepTest {
    @TempDir
    Path dir;

    private Path gate(int round, String... args) throws Exception {
        Path out = dir.resolve("gate-" + round);
        assertEquals(0, Cli.execute(new GateStep(env()), args.length > 0 ? args
                : new String[] {"--round", Integer.toString(round), "--teacher-metrics", metrics("t" + round, 0.5 + round * 0.01).toString(),
                    "--student-metrics", metrics("s" + round, 0.5 + round * 0.02).toString(), "--output", out.toString()}));
        return out;
    }

    private Path metrics(String name, double v) throws Exception {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, "{\"total\": {\"majmin\": " + v + "}}");
        return f;
    }

    private Map<String, String> env() {
        return Map.of("MLFLOW_TRACKING_URI", "file://" + dir.resolve("mlruns"), "MLFLOW_EXPERIMENT_NAME", "rounds-test");
    }

    @Test
    void tableJsonAndChartOfTheRounds() throws Exception {
        Path g1 = gate(1);
        Path g2 = dir.resolve("gate-2");
        assertEquals(0, Cli.execute(new GateStep(env()), "--round", "2", "--teacher-metrics", metrics("t2", 0.6).toString(),
                "--student-metrics", metrics("s2", 0.55).toString(), "--output", g2.toString()));
        Path g3 = dir.resolve("gate-3");
        assertEquals(0, Cli.execute(new GateStep(env()), "--round", "3", "--teacher-metrics", "x", "--student-metrics", "y",
                "--previous", "false", "--output", g3.toString()));
        Path out = dir.resolve("report");
        assertEquals(0, Cli.execute(new RoundsReportStep(env()), "--round", "1=" + g1, "--round", "2=" + g2, "--round", "3=" + g3,
                "--test", "teacher=" + metrics("tt", 0.55), "--test", "final=" + metrics("tf", 0.58), "--metric", "total.majmin",
                "--output", out.toString()));
        byte[] png = Files.readAllBytes(out.resolve("rounds.png"));
        assertTrue(png.length > 3000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        JsonNode doc = Json.MAPPER.readTree(out.resolve("rounds.json").toFile());
        assertEquals(1, doc.get("promoted_rounds").asInt());
        assertEquals(3, doc.get("rounds").size());
        assertEquals(0.52, doc.at("/rounds/0/student_valid").asDouble(), 1e-12);
        assertTrue(doc.at("/rounds/2/teacher_valid").isNull());
        String txt = Files.readString(out.resolve("rounds.txt"));
        assertTrue(txt.contains("not promoted (rounds stop)") && txt.contains("not run") && txt.contains("round 1's student")
                && txt.contains("final - teacher +0.0300"), txt);
    }
}
