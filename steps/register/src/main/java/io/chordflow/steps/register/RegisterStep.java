package io.chordflow.steps.register;

import io.chordflow.common.InputException;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.common.cli.Cli;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.StorageUri;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.tracking.StepCommand;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.Assignment;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.suite.SuiteScores;
import io.chordflow.tracking.suite.VersionScores;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Registers an evaluated model: the model folder is logged as the artifacts of this step's run
 * (under {@code model/}, with its commit marker), a new version of {@code --name} is created whose
 * source is that artifact URI, the evaluation metrics become {@code metric.<name>} tags on the
 * version with the evaluation suite they were measured on ({@code chordflow.suite},
 * {@code chordflow.suite_hash}, {@code chordflow.eval.<short hash>}), and {@code --alias}
 * (default challenger) points at it. {@code --alias champion} goes through the promotion rule
 * ({@link io.chordflow.tracking.registry.Promoter#assign}); {@code chordflow promote} is the full,
 * guarded decision. With MLflow unreachable all of it is buffered by the tracker and replayed later.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register an evaluated model version with its metrics as tags and alias it (default challenger).")
public final class RegisterStep extends StepCommand {
    public static final String VERSION = "1";

    @Option(names = "--model", required = true, description = "model folder (path, file://, s3://)")
    String model;

    @Option(names = "--metrics", required = true,
            description = "metrics.json, or the evaluate output folder holding it (path, file://, s3://)")
    String metrics;

    @Option(names = "--name", required = true, description = "registered model name")
    String name;

    @Option(names = "--alias", defaultValue = ModelRegistry.CHALLENGER, description = "alias to set (default ${DEFAULT-VALUE})")
    String alias;

    @Spec
    CommandSpec spec;

    private final Supplier<Tracker> trackers;
    private final ArtifactStore store;

    public RegisterStep() {
        this(Trackers::fromEnvironment, ArtifactStores.fromEnvironment(), System.getenv());
    }

    /** The run opens once the metrics are read and the model is found. */
    public RegisterStep(Supplier<Tracker> trackers, ArtifactStore store, Map<String, String> env) {
        super("register", VERSION, env, StepRun.Start.ON_FIRST_USE);
        this.trackers = trackers;
        this.store = store;
    }

    public static void main(String[] args) {
        Cli.main(new RegisterStep(), args);
    }

    @Override
    protected Tracker tracker() {
        return trackers.get();
    }

    @Override
    protected Map<String, String> runTags() {
        return Map.of(Tags.INPUTS, model + " " + metrics);
    }

    /** Registration writes no provenance of its own: the version's source is the run's artifacts, its tags the metrics. */
    @Override
    protected int run(StepRun run, Provenance.Builder unused) throws IOException {
        URI metricsUri = ArtifactStores.uri(metrics);
        if (!metrics.endsWith(".json")) {
            metricsUri = StorageUri.parse(metricsUri).child(EvaluationReport.FILE_NAME).toUri();
        }
        byte[] bytes = store.read(metricsUri).orElseThrow(() -> new InputException(metrics + ": no metrics file found"));
        EvaluationReport report = EvaluationReport.parse(bytes, metrics);
        Map<String, Double> values = new TreeMap<>(report.total());

        URI modelUri = ArtifactStores.uri(model);
        StorageUri parsed = StorageUri.parse(modelUri);
        Path tmp = null;
        Path modelDir;
        if (parsed.kind() == StorageUri.Kind.LOCAL) {
            modelDir = parsed.path();
            if (!Files.isDirectory(modelDir)) {
                throw new InputException(model + ": model folder does not exist");
            }
        } else {
            tmp = Files.createTempDirectory("chordflow-register");
            modelDir = tmp.resolve("model");
            store.fetch(modelUri, modelDir);
        }
        try {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("name", name);
            params.put("alias", alias);
            params.put("model", model);
            params.put("metrics", metrics);
            params.put("seed", seed);
            run.logParams(params);
            run.logMetrics(values, 0);
            String source = run.logArtifacts(modelDir, "model");
            Map<String, String> tags = new TreeMap<>();
            values.forEach((k, v) -> tags.put(Tags.METRIC_PREFIX + k, Double.toString(v)));
            tags.put("chordflow.model_input", model);
            if (report.suite() != null) {
                tags.putAll(VersionScores.tags(SuiteScores.fromReport(report, run.runId(), metrics), true));
            }
            ModelRegistry registry = run.tracker().registry();
            ModelVersion v = registry.register(name, source, run.runId(), tags);
            Assignment a = registry.assign(name, v.version(), alias);
            java.io.PrintWriter out = spec.commandLine().getOut();
            if (v.buffered()) { // MLflow unreachable: the line says what waits where, and how it is replayed
                out.println("register: " + a.message());
                return 0;
            }
            if (a.message() != null) {
                out.println(name + ": " + a.message());
            }
            out.println("registered " + name + " version " + v.version() + " (" + a.alias() + ") from " + source);
            return 0;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
