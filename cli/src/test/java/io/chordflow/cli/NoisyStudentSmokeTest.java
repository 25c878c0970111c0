package io.chordflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paper 2's noisy-student rounds through every real step at the smoke profile, for the chord
 * and the key task: rounds unrolled, a gate per round (a round that does not beat its teacher
 * stops the rounds), each round a child run with its teacher's and student's metrics, the rounds
 * report with its chart, the final model registered.
 */
class NoisyStudentSmokeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"noisy-student, majmin", "key-noisy-student, weighted_score"})
    void roundsRunLocally(String experiment, String metric, @TempDir Path state) throws Exception {
        EndToEndSmokeTest.Out run = EndToEndSmokeTest.cli("run", experiment, "--profile", "smoke", "--state", state.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("noisy-student rounds, total." + metric + " on the valid split"), run.out());

        Map<String, Path> runs = new HashMap<>();
        try (Stream<Path> s = Files.walk(state.resolve("mlruns"), 4)) {
            for (Path p : s.filter(p -> p.endsWith(Path.of("tags", "mlflow.runName"))).toList()) {
                runs.put(Files.readString(p).strip(), p.getParent().getParent());
            }
        }
        Path round1 = runs.get("round-1");
        assertTrue(round1 != null, "round 1 is a child run: " + runs.keySet());
        assertTrue(Files.exists(round1.resolve("metrics/teacher." + metric)), "round 1 logs its teacher's " + metric);
        assertTrue(Files.exists(round1.resolve("metrics/student." + metric)), "round 1 logs its student's " + metric);
        assertTrue(Files.exists(round1.resolve("metrics/promoted")));
        Path report = runs.get("rounds-report");
        assertTrue(Files.size(report.resolve("artifacts").resolve(findOne(report.resolve("artifacts"), "rounds.png"))) > 1000);
        assertTrue(Files.exists(runs.get("register").resolve("meta.yaml")));
    }

    private static Path findOne(Path dir, String name) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return dir.relativize(s.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow());
        }
    }
}
