package io.chordflow.common.provenance;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chordflow.common.EnvNames;
import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an artifact came from (Tribuo-style lineage), written as a sidecar
 * {@value #FILE_NAME} next to every step output: the step, its resolved config and seed, the
 * inputs with their content hashes, the code and runtime that made it, and the Argo/MLflow
 * identities of the run. Keys are constants; a reader fills keys a later version added with
 * {@value #UNKNOWN}. Format version {@value #SCHEMA_VERSION}.
 */
public record Provenance(Map<String, String> facts, Map<String, Object> config, Map<String, String> inputs) {
    public static final String FILE_NAME = "provenance.json";
    public static final int SCHEMA_VERSION = 1;
    public static final String UNKNOWN = "unknown";

    public static final String SCHEMA = "schema_version";
    public static final String STEP = "step";
    public static final String STEP_VERSION = "step_version";
    public static final String IMAGE = "image";
    public static final String GIT_COMMIT = "git_commit";
    public static final String SEED = "seed";
    public static final String STARTED = "started_at";
    public static final String FINISHED = "finished_at";
    public static final String JAVA = "java_version";
    public static final String OS = "os";
    public static final String ARCH = "arch";
    public static final String ARGO_WORKFLOW = "argo_workflow";
    public static final String ARGO_NODE = "argo_node";
    public static final String MLFLOW_RUN = "mlflow_run_id";

    /** Keys every reader can rely on (missing ones read as {@link #UNKNOWN}). */
    public static final String[] KEYS = {SCHEMA, STEP, STEP_VERSION, IMAGE, GIT_COMMIT, SEED, STARTED, FINISHED,
        JAVA, OS, ARCH, ARGO_WORKFLOW, ARGO_NODE, MLFLOW_RUN};

    public Provenance {
        Map<String, String> f = new TreeMap<>(facts);
        for (String k : KEYS) {
            f.putIfAbsent(k, UNKNOWN);
        }
        facts = Map.copyOf(f);
        config = Map.copyOf(new TreeMap<>(config));
        inputs = Map.copyOf(new TreeMap<>(inputs));
    }

    public String fact(String key) {
        return facts.getOrDefault(key, UNKNOWN);
    }

    /** Starts a record for {@code step} with the runtime and environment facts filled in. */
    public static Builder forStep(String step, String stepVersion, long seed) {
        Builder b = new Builder();
        b.facts.put(SCHEMA, Integer.toString(SCHEMA_VERSION));
        b.facts.put(STEP, step);
        b.facts.put(STEP_VERSION, stepVersion);
        b.facts.put(SEED, Long.toString(seed));
        b.facts.put(STARTED, Instant.now().toString());
        b.facts.put(JAVA, System.getProperty("java.version"));
        b.facts.put(OS, System.getProperty("os.name") + " " + System.getProperty("os.version"));
        b.facts.put(ARCH, System.getProperty("os.arch"));
        // Set by the Argo template or the local runner; absent when a user runs the step by hand.
        envFact(b, IMAGE, EnvNames.CHORDFLOW_IMAGE);
        envFact(b, GIT_COMMIT, EnvNames.CHORDFLOW_GIT_COMMIT);
        envFact(b, ARGO_WORKFLOW, EnvNames.ARGO_WORKFLOW_NAME);
        envFact(b, ARGO_NODE, EnvNames.ARGO_NODE_ID);
        envFact(b, MLFLOW_RUN, EnvNames.MLFLOW_RUN_ID);
        return b;
    }

    private static void envFact(Builder b, String key, String env) {
        String v = System.getenv(env);
        if (v != null && !v.isBlank()) {
            b.facts.put(key, v);
        }
    }

    public void write(Path dir) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("facts", facts);
        doc.put("config", config);
        doc.put("inputs", inputs);
        AtomicFiles.write(dir.resolve(FILE_NAME), Json.MAPPER.writeValueAsBytes(doc));
    }

    public static Provenance read(Path file) throws IOException {
        Map<String, Object> doc = Json.MAPPER.readValue(Files.readAllBytes(file), new TypeReference<>() {});
        Object facts = doc.get("facts");
        if (!(facts instanceof Map<?, ?>)) {
            throw new InputException(file + ": field 'facts' missing or not an object");
        }
        Map<String, String> f = new TreeMap<>();
        ((Map<?, ?>) facts).forEach((k, v) -> f.put(String.valueOf(k), String.valueOf(v)));
        int version = Integer.parseInt(f.getOrDefault(SCHEMA, "1"));
        if (version > SCHEMA_VERSION) {
            throw new InputException(file + ": provenance schema_version " + version
                    + " is newer than this chordflow reads (" + SCHEMA_VERSION + ")");
        }
        return new Provenance(f, castMap(doc.get("config")), stringMap(doc.get("inputs")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** Collects facts while a step runs; {@link #build()} stamps the finish time. */
    public static final class Builder {
        private final Map<String, String> facts = new TreeMap<>();
        private final Map<String, Object> config = new TreeMap<>();
        private final Map<String, String> inputs = new TreeMap<>();

        public Builder fact(String key, String value) {
            facts.put(key, value);
            return this;
        }

        public Builder config(String key, Object value) {
            config.put(key, value);
            return this;
        }

        /** An input artifact and its content hash. */
        public Builder input(String uri, String sha256) {
            inputs.put(uri, sha256);
            return this;
        }

        public Provenance build() {
            facts.put(FINISHED, Instant.now().toString());
            return new Provenance(facts, config, inputs);
        }
    }
}
