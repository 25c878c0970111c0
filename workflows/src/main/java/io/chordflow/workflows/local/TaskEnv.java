package io.chordflow.workflows.local;

import io.chordflow.common.EnvNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment of a local task process: the container's env (as compiled), less what only
 * makes sense inside the cluster, plus this machine's tracking, buffer, checkpoint folder, task
 * name, cache key and git commit, then the runner's extra env ({@link RunnerSettings#env()}).
 */
final class TaskEnv {
    /** Container env that only makes sense inside the cluster: replaced or dropped locally. */
    static final Set<String> CLUSTER_ONLY = Set.of(EnvNames.AWS_ENDPOINT_URL, EnvNames.MLFLOW_S3_ENDPOINT_URL,
            EnvNames.JAVA_TOOL_OPTIONS);

    private final RunnerSettings settings;
    private final CheckpointFolders checkpoints;
    private Optional<String> gitCommit;

    TaskEnv(RunnerSettings settings, CheckpointFolders checkpoints) {
        this.settings = settings;
        this.checkpoints = checkpoints;
    }

    /** Fills {@code env} (the process builder's, inherited from the runner) for task {@code t} with cache key {@code key}. */
    void fill(Map<String, String> env, LocalTask t, String key) throws IOException {
        t.env().forEach((k, v) -> {
            if (!CLUSTER_ONLY.contains(k)) {
                env.put(k, v);
            }
        });
        env.put(EnvNames.MLFLOW_TRACKING_URI, System.getenv().getOrDefault(EnvNames.MLFLOW_TRACKING_URI,
                "file://" + settings.mlruns().toAbsolutePath().normalize()));
        // the tracker's offline buffer lives with the rest of the run's state (--state), not in the project root
        env.put(EnvNames.CHORDFLOW_TRACKING_BUFFER, System.getenv().getOrDefault(EnvNames.CHORDFLOW_TRACKING_BUFFER,
                settings.home().resolve("tracking-buffer").toString()));
        env.put(EnvNames.CHORDFLOW_IMAGE, "local");
        env.put(EnvNames.CHORDFLOW_TASK, t.name()); // names the step's MLflow run after its DAG task
        env.putIfAbsent(EnvNames.OMP_WAIT_POLICY, "PASSIVE"); // idle OpenMP threads sleep instead of spinning on shared cores
        env.put(EnvNames.CHORDFLOW_CACHE_KEY, key == null ? "" : key);
        env.put(EnvNames.CHORDFLOW_CHECKPOINTS, checkpoints.of(t.name(), key).toString());
        gitCommit().ifPresent(c -> env.put(EnvNames.CHORDFLOW_GIT_COMMIT, c));
        env.putAll(settings.env());
    }

    /** HEAD of the project's git checkout, when there is one (provenance of local runs). */
    private synchronized Optional<String> gitCommit() {
        if (gitCommit == null) {
            gitCommit = Optional.empty();
            try {
                Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(settings.root().toFile())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() == 0 && out.matches("[0-9a-f]{40}")) {
                    gitCommit = Optional.of(out);
                }
            } catch (IOException e) {
                // no git: provenance says unknown
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return gitCommit;
    }
}
