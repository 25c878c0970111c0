package io.chordflow.workflows.local;

import io.chordflow.common.EnvNames;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where and how a local run happens. Defaults: everything under {@code ROOT/.chordflow}
 * (artifacts, cache records, logs, per-task work folders), MLflow's file store in
 * {@code ROOT/mlruns}, one task per core, and the class path of the running JVM so that every
 * step main class the CLI has is available to the task processes.
 *
 * @param env extra environment for every task (e.g. MLFLOW_PARENT_RUN_ID)
 */
public record RunnerSettings(Path root, Path home, Path mlruns, int parallelism, String classPath,
                             List<String> jvmOptions, boolean useCache, Map<String, String> env) {

    public static RunnerSettings defaults(Path root) {
        return defaults(root, null);
    }

    /** With {@code state} (when not null) holding .chordflow/ and mlruns/ instead of the project root. */
    public static RunnerSettings defaults(Path root, Path state) {
        Path where = state == null ? root : state.toAbsolutePath().normalize();
        // the JDK synthesizer export lets synth render General MIDI tracks (--gm-share)
        String opts = System.getenv().getOrDefault(EnvNames.CHORDFLOW_JAVA_OPTS,
                "-Dai.djl.offline=true --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED");
        return new RunnerSettings(root, where.resolve(".chordflow"), where.resolve("mlruns"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.class.path"),
                List.of(opts.trim().isEmpty() ? new String[0] : opts.trim().split("\\s+")), true, Map.of());
    }

    public RunnerSettings withParallelism(int n) {
        return new RunnerSettings(root, home, mlruns, Math.max(1, n), classPath, jvmOptions, useCache, env);
    }

    public RunnerSettings withCache(boolean on) {
        return new RunnerSettings(root, home, mlruns, parallelism, classPath, jvmOptions, on, env);
    }

    public RunnerSettings withEnv(Map<String, String> extra) {
        return new RunnerSettings(root, home, mlruns, parallelism, classPath, jvmOptions, useCache, Map.copyOf(extra));
    }

    /** libtorch threads per task process: the cores shared by the tasks that may run at once. */
    public int threadsPerTask() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, parallelism));
    }

    public ArtifactPaths artifacts() {
        return new ArtifactPaths(home.resolve("artifacts"));
    }

    public Path cacheDir() {
        return home.resolve("cache");
    }

    public List<String> classPathEntries() {
        return List.of(classPath.split(File.pathSeparator));
    }
}
