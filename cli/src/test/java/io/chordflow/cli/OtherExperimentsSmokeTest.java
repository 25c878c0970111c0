package io.chordflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The other shipped experiments run the same way at the smoke profile and register their model. */
class OtherExperimentsSmokeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"2e1d-kd, 2e1d-student, 26", "supervised, btc-supervised, 6"})
    void runsAndRegisters(String experiment, String registered, int tasks, @TempDir Path state) throws Exception {
        EndToEndSmokeTest.Out run = EndToEndSmokeTest.cli("run", experiment, "--profile", "smoke", "--state", state.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains(tasks + " tasks: " + tasks + " ran"), run.out());
        assertTrue(Files.isRegularFile(state.resolve("mlruns/models").resolve(registered).resolve("aliases/challenger")),
                experiment + " registers " + registered);
    }
}
