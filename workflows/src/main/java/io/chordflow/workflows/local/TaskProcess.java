package io.chordflow.workflows.local;

import io.chordflow.workflows.local.LocalRunner.Result;
import io.chordflow.workflows.local.LocalRunner.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One attempt of one task: its work folder (the raw config artifact, output parameter files),
 * artifact URIs mapped to local paths, the process {@code java -cp CLASSPATH MAIN ARGS} with the
 * container's env adapted to this machine ({@link TaskEnv}), one log per attempt
 * ({@link AttemptLogs}), then its output parameters read back and, for a single task, the cache
 * record committed. A fanned-out task's items commit together ({@link CacheGroups}).
 */
final class TaskProcess {
    private final RunnerSettings settings;
    private final ArtifactPaths paths;
    private final TaskCache cache;
    private final CheckpointFolders checkpoints;
    private final TaskEnv env;
    private final Path logs;
    private final Path work;
    /** Task processes alive now: stopped with the runner (Ctrl-C) rather than left orphaned. */
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    TaskProcess(RunnerSettings settings, TaskCache cache, CheckpointFolders checkpoints, String runName) {
        this.settings = settings;
        this.paths = settings.artifacts();
        this.cache = cache;
        this.checkpoints = checkpoints;
        this.env = new TaskEnv(settings, checkpoints);
        this.logs = settings.home().resolve("logs").resolve(runName);
        this.work = settings.home().resolve("work").resolve(runName);
    }

    /** Runs {@code t} (its cache key {@code key}) to the end: OK with its output parameters, or FAILED. */
    Result run(LocalTask t, String key) throws IOException, InterruptedException {
        Path taskWork = work.resolve(LocalFolders.safe(t.name()));
        Files.createDirectories(taskWork);
        Files.createDirectories(logs);
        Map<String, String> mapped = new HashMap<>();
        writeFiles(t, taskWork, mapped);
        mapArtifacts(t, mapped);
        Map<String, Path> paramFiles = mapOutputParameters(t, taskWork.resolve("outputs"), mapped);
        ProcessBuilder pb = new ProcessBuilder(command(t, mapped)).directory(settings.root().toFile()).redirectErrorStream(true);
        Path log = AttemptLogs.next(logs, LocalFolders.safe(t.name()));
        pb.redirectOutput(log.toFile());
        env.fill(pb.environment(), t, key);
        long start = System.nanoTime();
        int code = waitFor(pb.start());
        double wall = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            return new Result(t.name(), Status.FAILED, code, wall, log, null);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (var p : paramFiles.entrySet()) {
            if (!Files.isRegularFile(p.getValue())) {
                appendToLog(log, "task " + t.name() + " exited 0 but wrote no output parameter " + p.getKey()
                        + " at " + t.outputParameters().get(p.getKey()));
                return new Result(t.name(), Status.FAILED, 0, wall, log, null);
            }
            parameters.put(p.getKey(), Files.readString(p.getValue(), StandardCharsets.UTF_8).strip());
        }
        if (!t.fannedOut()) {
            try {
                cache.commit(t, key, wall, parameters);
            } catch (IllegalStateException e) {
                appendToLog(log, e.getMessage());
                return new Result(t.name(), Status.FAILED, 0, wall, log, null);
            }
        }
        checkpoints.done(t.name()); // the output is complete: nothing left to resume
        return new Result(t.name(), Status.OK, 0, wall, log, t.fannedOut() ? key : null, parameters, null);
    }

    /** Clears what an earlier attempt left in the task's outputs (only inside the artifact folder). */
    void clearOutputs(LocalTask t) {
        for (String o : t.outputs()) {
            Path p = paths.path(t.params().get(o));
            if (p != null && paths.owns(p) && Files.exists(p)) {
                LocalFolders.deleteTree(p);
            }
        }
    }

    /** Stops every task process still running (the runner is stopped). */
    void stopAll() {
        live.forEach(Process::destroy);
    }

    /** The files the container gets at fixed paths (the raw config artifact), written into the work folder. */
    private static void writeFiles(LocalTask t, Path taskWork, Map<String, String> mapped) throws IOException {
        for (var f : t.files().entrySet()) {
            Path local = taskWork.resolve(Path.of(f.getKey()).getFileName().toString());
            Files.writeString(local, f.getValue(), StandardCharsets.UTF_8);
            mapped.put(f.getKey(), local.toString());
        }
    }

    /** Input and output artifact URIs -> local paths; an output's parent folder exists. */
    private void mapArtifacts(LocalTask t, Map<String, String> mapped) throws IOException {
        for (String p : Stream.concat(t.inputs().stream(), t.outputs().stream()).toList()) {
            String uri = t.params().get(p);
            mapped.put(uri, paths.local(uri));
        }
        for (String o : t.outputs()) {
            Path p = paths.path(t.params().get(o));
            if (p != null && p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
        }
    }

    /** Output parameters: the container path P is {@code root/P} here (its folder too, for {@code --parameters DIR}). */
    private static Map<String, Path> mapOutputParameters(LocalTask t, Path root, Map<String, String> mapped) throws IOException {
        if (Files.exists(root)) {
            LocalFolders.deleteTree(root);
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (var o : t.outputParameters().entrySet()) {
            Path local = root.resolve(o.getValue().replaceFirst("^/+", ""));
            Files.createDirectories(local.getParent());
            files.put(o.getKey(), local);
            mapped.put(o.getValue(), local.toString());
            Path parent = Path.of(o.getValue()).getParent();
            if (parent != null && !parent.toString().equals("/")) {
                mapped.put(parent.toString(), local.getParent().toString());
            }
        }
        return files;
    }

    private List<String> command(LocalTask t, Map<String, String> mapped) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(settings.jvmOptions());
        if (settings.jvmOptions().stream().noneMatch(o -> o.startsWith("-Dai.djl.pytorch.num_threads"))) {
            // tasks share the cores: libtorch's OpenMP pools oversubscribed run 10x slower (measured)
            cmd.add("-Dai.djl.pytorch.num_threads=" + settings.threadsPerTask());
            cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        }
        cmd.add("-cp");
        cmd.add(settings.classPath());
        cmd.add(t.mainClass());
        List<String> uris = mapped.keySet().stream().sorted(Comparator.comparing(String::length).reversed()).toList();
        for (String a : t.args()) {
            cmd.add(mapArg(a, mapped, uris));
        }
        return cmd;
    }

    /**
     * An argument as the local process gets it: an artifact URI becomes its local path, also
     * inside a composite value such as {@code teacher=s3://b/metrics/teacher/metrics.json}
     * (longest URIs first, so one that extends another is replaced whole).
     */
    static String mapArg(String arg, Map<String, String> mapped, List<String> urisLongestFirst) {
        String exact = mapped.get(arg);
        if (exact != null) {
            return exact;
        }
        for (String uri : urisLongestFirst) {
            int at = arg.indexOf(uri);
            if (at >= 0 && (at + uri.length() == arg.length() || arg.charAt(at + uri.length()) == '/')) {
                return arg.substring(0, at) + mapped.get(uri) + arg.substring(at + uri.length());
            }
        }
        return arg;
    }

    private int waitFor(Process proc) throws InterruptedException {
        live.add(proc);
        try {
            return proc.waitFor();
        } finally {
            live.remove(proc);
        }
    }

    private static void appendToLog(Path log, String line) throws IOException {
        Files.writeString(log, "\nchordflow run: " + line + "\n", StandardOpenOption.APPEND);
    }
}
