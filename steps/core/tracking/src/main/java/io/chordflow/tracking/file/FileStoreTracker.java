package io.chordflow.tracking.file;

import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.tracking.Metric;
import io.chordflow.tracking.RunInfo;
import io.chordflow.tracking.RunSpec;
import io.chordflow.tracking.RunStatus;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * MLflow's file store, written the way {@code mlflow/store/tracking/file_store.py} writes it
 * (read at mlflow/mlflow commit 001cc178a1442b488da41853c497adc5285a284d), so that
 * {@code mlflow ui --backend-store-uri ./mlruns} shows chordflow's runs:
 * <pre>
 * mlruns/
 *   .trash/
 *   0/meta.yaml                      default experiment "Default" (created with the root)
 *   &lt;exp id&gt;/meta.yaml                artifact_location, creation_time, experiment_id, last_update_time,
 *                                    lifecycle_stage, name
 *   &lt;exp id&gt;/&lt;run id&gt;/meta.yaml       artifact_uri, [deleted_time], end_time, entry_point_name, experiment_id,
 *                                    lifecycle_stage, run_id, run_name, run_uuid, source_name, source_type (4 =
 *                                    LOCAL), source_version, start_time, status (1..5), tags ([]), user_id
 *   &lt;exp id&gt;/&lt;run id&gt;/metrics/&lt;key&gt;  one line per value: "timestamp value step"
 *   &lt;exp id&gt;/&lt;run id&gt;/params/&lt;key&gt;   the value, no newline (write-once)
 *   &lt;exp id&gt;/&lt;run id&gt;/tags/&lt;key&gt;     the value, no newline (mlflow.runName, mlflow.parentRunId, ...)
 *   &lt;exp id&gt;/&lt;run id&gt;/artifacts/
 *   models/                          the registry, see {@link FileModelRegistry}
 * </pre>
 * Experiment ids are random positive integers as in {@code _generate_unique_integer_id}; run ids
 * are {@code uuid4().hex}. Artifact URIs are {@code file://} URIs of absolute paths.
 */
public final class FileStoreTracker implements Tracker {
    static final String META = "meta.yaml";
    static final String DEFAULT_EXPERIMENT_ID = "0";
    static final String DEFAULT_EXPERIMENT_NAME = "Default";
    /** SourceType.LOCAL in mlflow/entities/source_type.py. */
    static final int SOURCE_TYPE_LOCAL = 4;

    private final Path root;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final FileModelRegistry registry;

    public FileStoreTracker(Path root) {
        this(root, Clock.systemUTC());
    }

    public FileStoreTracker(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        try {
            // As FileStore.__init__: the default experiment only when the root is new.
            if (!Files.exists(this.root)) {
                Files.createDirectories(this.root);
                createExperimentWithId(DEFAULT_EXPERIMENT_NAME, DEFAULT_EXPERIMENT_ID);
            }
            Files.createDirectories(this.root.resolve(".trash"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create MLflow file store at " + this.root, e);
        }
        this.registry = new FileModelRegistry(this.root, clock);
    }

    public Path root() {
        return root;
    }

    /** {@code path_to_local_file_uri}: pathlib's as_uri(), file:///abs/path without a trailing slash. */
    static String fileUri(Path p) {
        String raw = p.toAbsolutePath().normalize().toUri().getRawPath();
        if (raw.length() > 1 && raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return "file://" + raw;
    }

    private void createExperimentWithId(String name, String id) throws IOException {
        Path dir = root.resolve(id);
        Files.createDirectories(dir);
        long now = clock.millis();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_location", fileUri(root) + "/" + id);
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        MlflowYaml.write(dir.resolve(META), meta);
    }

    private Stream<Path> experimentDirs() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().equals(".trash"))
                    .filter(p -> !p.getFileName().toString().equals(FileModelRegistry.MODELS))
                    .filter(p -> Files.isRegularFile(p.resolve(META)))
                    .sorted().toList();
        }
        return dirs.stream();
    }

    @Override
    public synchronized String experimentId(String name) {
        if (name == null || name.isBlank()) {
            throw new InputException("experiment name: empty");
        }
        try {
            Optional<String> found = experimentDirs().filter(d -> {
                try {
                    Map<String, Object> m = MlflowYaml.read(d.resolve(META));
                    return name.equals(m.get("name")) && "active".equals(m.get("lifecycle_stage"));
                } catch (IOException e) {
                    return false;
                }
            }).map(d -> d.getFileName().toString()).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            String id;
            do {
                // 18 digits, like _generate_unique_integer_id's int64-safe ids
                id = Long.toString(100_000_000_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 800_000_000_000_000_000L);
            } while (Files.exists(root.resolve(id)));
            createExperimentWithId(name, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized RunInfo startRun(RunSpec spec) {
        String expId = experimentId(spec.experimentName());
        String runId = UUID.randomUUID().toString().replace("-", "");
        String runName = spec.runName() != null ? spec.runName()
                : spec.tags().getOrDefault(Tags.RUN_NAME, "run-" + runId.substring(0, 8));
        Path expDir = root.resolve(expId);
        Path runDir = expDir.resolve(runId);
        try {
            Map<String, Object> exp = MlflowYaml.read(expDir.resolve(META));
            String artifactUri = exp.get("artifact_location") + "/" + runId + "/artifacts";
            Files.createDirectories(runDir);
            Map<String, Object> meta = runMeta(runId, expId, runName, artifactUri, RunStatus.RUNNING,
                    clock.millis(), null);
            meta.put("deleted_time", null); // create_run writes it; later rewrites do not
            MlflowYaml.write(runDir.resolve(META), meta);
            Files.createDirectories(runDir.resolve("metrics"));
            Files.createDirectories(runDir.resolve("params"));
            Files.createDirectories(runDir.resolve("artifacts"));
            Map<String, String> tags = new LinkedHashMap<>(spec.tags());
            tags.put(Tags.RUN_NAME, runName);
            if (spec.parentRunId() != null) {
                tags.put(Tags.PARENT_RUN_ID, spec.parentRunId());
            }
            tags.putIfAbsent(Tags.USER, user());
            tags.putIfAbsent(Tags.SOURCE_TYPE, "LOCAL");
            for (Map.Entry<String, String> t : tags.entrySet()) {
                writeValue(runDir.resolve("tags"), t.getKey(), t.getValue());
            }
            return new RunInfo(runId, expId, runName, RunStatus.RUNNING, artifactUri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String user() {
        String u = System.getenv("USER");
        return u != null ? u : System.getProperty("user.name", "unknown");
    }

    /** RunInfo as {@code _make_persisted_run_info_dict} writes it. */
    private static Map<String, Object> runMeta(String runId, String expId, String runName, String artifactUri,
            RunStatus status, long start, Long end) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("artifact_uri", artifactUri);
        m.put("end_time", end);
        m.put("entry_point_name", "");
        m.put("experiment_id", expId);
        m.put("lifecycle_stage", "active");
        m.put("run_id", runId);
        m.put("run_name", runName);
        m.put("run_uuid", runId);
        m.put("source_name", "");
        m.put("source_type", SOURCE_TYPE_LOCAL);
        m.put("source_version", "");
        m.put("start_time", start);
        m.put("status", status.code);
        m.put("tags", List.of());
        m.put("user_id", user());
        return m;
    }

    Path runDir(String runId) {
        if (runId == null || !runId.matches("[0-9a-f]{32}")) {
            throw new InputException("run id '" + runId + "': expected 32 hex characters");
        }
        try {
            return experimentDirs().map(d -> d.resolve(runId)).filter(p -> Files.isRegularFile(p.resolve(META)))
                    .findFirst().orElseThrow(() -> new InputException("run " + runId + ": not found under " + root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized RunInfo getRun(String runId) {
        Path dir = runDir(runId);
        try {
            Map<String, Object> m = MlflowYaml.read(dir.resolve(META));
            return new RunInfo(runId, String.valueOf(m.get("experiment_id")), (String) m.get("run_name"),
                    RunStatus.ofCode(((Number) m.get("status")).intValue()), (String) m.get("artifact_uri"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void logBatch(String runId, List<Metric> metrics, Map<String, String> params,
            Map<String, String> tags) {
        Path dir = runDir(runId);
        try {
            for (Map.Entry<String, String> p : params.entrySet()) {
                Path file = dir.resolve("params").resolve(checkName("param", p.getKey()));
                String value = Objects.requireNonNullElse(p.getValue(), "");
                if (Files.exists(file)) {
                    String current = Files.readString(file);
                    if (!current.equals(value)) {
                        throw new InputException("param '" + p.getKey() + "' of run " + runId + " was already logged as '"
                                + current + "'; changing param values is not allowed (attempted '" + value + "')");
                    }
                    continue;
                }
                writeValue(dir.resolve("params"), p.getKey(), value);
            }
            for (Metric m : metrics) {
                Path file = dir.resolve("metrics").resolve(checkName("metric", m.key()));
                Files.createDirectories(file.getParent());
                String line = m.timestamp() + " " + PyFloat.format(m.value()) + " " + m.step() + "\n";
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            for (Map.Entry<String, String> t : tags.entrySet()) {
                writeValue(dir.resolve("tags"), t.getKey(), t.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String checkName(String what, String name) {
        return io.chordflow.tracking.Names.check(what, name);
    }

    private static void writeValue(Path dir, String key, String value) throws IOException {
        Path file = dir.resolve(checkName("tag", key));
        AtomicFiles.write(file, Objects.requireNonNullElse(value, "").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void endRun(String runId, RunStatus status) {
        Path dir = runDir(runId);
        try {
            Map<String, Object> m = MlflowYaml.read(dir.resolve(META));
            Map<String, Object> meta = runMeta(runId, String.valueOf(m.get("experiment_id")), (String) m.get("run_name"),
                    (String) m.get("artifact_uri"), status, ((Number) m.get("start_time")).longValue(), clock.millis());
            MlflowYaml.write(dir.resolve(META), meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path artifactDir(String runId, String artifactPath) {
        Path base = Path.of(java.net.URI.create(getRun(runId).artifactUri()));
        if (artifactPath == null || artifactPath.isEmpty()) {
            return base;
        }
        io.chordflow.storage.StorageUri.checkRelative("artifact path", artifactPath);
        return base.resolve(artifactPath);
    }

    @Override
    public void logArtifact(String runId, Path file, String artifactPath) throws IOException {
        Path target = artifactDir(runId, artifactPath).resolve(file.getFileName().toString());
        AtomicFiles.write(target, out -> Files.copy(file, out));
    }

    @Override
    public String logArtifacts(String runId, Path dir, String artifactPath) throws IOException {
        Path target = artifactDir(runId, artifactPath);
        new io.chordflow.storage.LocalStore().publish(dir, target.toUri());
        return fileUri(target);
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "FileStoreTracker[" + root + "]";
    }
}
