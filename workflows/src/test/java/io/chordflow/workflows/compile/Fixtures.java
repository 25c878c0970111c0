package io.chordflow.workflows.compile;

import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

final class Fixtures {
    static final Path ROOT = Path.of(System.getProperty("chordflow.root", "..")).toAbsolutePath().normalize();
    static final List<String> EXPERIMENTS = List.of("btc-kd", "2e1d-kd", "supervised", "noisy-student", "key-noisy-student");
    static final List<String> PROFILES = List.of("default", "smoke", "full");

    private Fixtures() {
    }

    static Workflow compile(String exp, String profile) {
        return Compiler.compile(ExperimentLoader.load(ExperimentLoader.resolve(exp, ROOT), profile), profile);
    }

    /** Argo's schema from the shared fixtures, when present. */
    static Optional<Path> schema() {
        String shared = System.getProperty("chordflow.shared");
        if (shared == null) {
            return Optional.empty();
        }
        Path p = Path.of(shared).resolve(SchemaCheck.RELATIVE);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
