package io.chordflow.workflows.local;

import io.chordflow.common.InputException;
import io.chordflow.workflows.argo.Workflow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Runs a compiled Workflow on this machine, as Argo would run it on a cluster: tasks in
 * dependency order, independent ones in parallel up to {@link RunnerSettings#parallelism()},
 * each as its own process {@code java -cp CLASSPATH MAIN ARGS} with the arguments its container
 * gets (artifact URIs mapped to the local artifact folder). Like Argo's default failFast, the
 * first failure stops new tasks from starting; tasks already running finish. Completed tasks
 * are cached (see {@link TaskCache}), so running again resumes after the failure.
 *
 * <p>Within a task, too: a re-run clears the task's outputs but not its checkpoint folder
 * ({@link CheckpointFolders}, passed to the step as {@code CHORDFLOW_CHECKPOINTS}), so a killed
 * training continues from its last complete checkpoint. Each attempt keeps its own log
 * ({@link AttemptLogs}: {@code TASK.1.log}, {@code TASK.2.log}, ...).
 *
 * <p>Conditions and output parameters as Argo has them: a task's output parameters are read from
 * the files its template declares ({@code valueFrom.path}, mapped into the task's work folder)
 * after it exits, and restored from the cache record on a hit; a task's {@code when} is
 * evaluated once its dependencies are done ({@code A == B} / {@code A != B} after substitution)
 * and a false one is reported as {@code skipped (condition)}. As with Argo's
 * {@code dependencies}, a skipped dependency counts as done: tasks that must not run after a
 * skipped one carry a {@code when} of their own (the compiler gives every task of a noisy-student
 * round its gate's condition), and references to a skipped task's outputs resolve to "".
 */
public final class LocalRunner {
    /** Container env that only makes sense inside the cluster: replaced or dropped locally. */
    static final Set<String> CLUSTER_ONLY = Set.of("AWS_ENDPOINT_URL", "MLFLOW_S3_ENDPOINT_URL", "JAVA_TOOL_OPTIONS");

    public enum Status { OK, CACHED, FAILED, NOT_RUN, NO_STEP, SKIPPED }

    /**
     * @param parameters the task's output parameters (read after it ran, or restored from the cache)
     * @param detail     why it was skipped (the resolved condition) or failed before starting
     */
    public record Result(String task, Status status, int exitCode, double wallSeconds, Path log, String key,
                         Map<String, String> parameters, String detail) {
        public Result(String task, Status status, int exitCode, double wallSeconds, Path log, String key) {
            this(task, status, exitCode, wallSeconds, log, key, Map.of(), null);
        }
    }

    public record Decision(String task, boolean cached, String reason, String key) {
        /** Its condition is already known to be false (the gate it reads is cached). */
        public boolean skipped() {
            return reason.startsWith("skipped");
        }
    }

    private final RunnerSettings settings;
    private final PrintStream out;
    private final TaskCache cache;
    private final ArtifactPaths paths;
    private final CheckpointFolders checkpointFolders;
    /** Task processes alive now: stopped with the runner (Ctrl-C) rather than left orphaned. */
    private final Set<Process> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public LocalRunner(RunnerSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.paths = settings.artifacts();
        this.cache = new TaskCache(settings.cacheDir(), paths);
        this.checkpointFolders = new CheckpointFolders(settings.home().resolve("checkpoints"));
    }

    public static String runName(Workflow wf) {
        String g = wf.getMetadata().getGenerateName();
        return (g == null ? wf.getMetadata().getName() + "-" : g) + "local";
    }

    /** Which tasks would run and which come from the cache, without running anything. */
    public List<Decision> plan(Workflow wf) {
        List<LocalTask> tasks = LocalDag.expand(wf, runName(wf));
        Set<String> rebuilt = new HashSet<>();
        Map<String, List<LocalTask>> groups = groups(tasks);
        Map<String, Map<String, String>> known = new HashMap<>(); // output parameters of cached tasks
        Set<String> skipped = new HashSet<>();
        List<Decision> out = new ArrayList<>();
        for (LocalTask raw : tasks) {
            Set<String> reads = raw.readsOutputsOf();
            List<String> unknown = reads.stream().filter(x -> !known.containsKey(x) && !skipped.contains(x)).toList();
            if (!unknown.isEmpty()) {
                rebuilt.add(raw.name());
                out.add(new Decision(raw.name(), false, raw.when() != null
                        ? "run or skip: decided at run time by the outputs of " + String.join(", ", unknown)
                        : "run (its arguments take the outputs of " + String.join(", ", unknown) + ")", null));
                continue;
            }
            LocalTask t = raw.resolve(known, skipped);
            if (!t.conditionHolds()) {
                skipped.add(t.task());
                out.add(new Decision(t.name(), false, "skipped (condition: " + t.when() + ")", null));
                continue;
            }
            String key = cache.key(t);
            boolean upstream = t.dependsOn().stream().anyMatch(rebuilt::contains);
            List<LocalTask> group = groups.get(t.task()).stream().map(x -> x.resolve(known, skipped)).toList();
            boolean hit = !upstream && settings.useCache() && groupHits(group);
            if (!hit) {
                rebuilt.add(t.name());
            } else if (!t.outputParameters().isEmpty()) {
                known.put(t.task(), cache.parameters(key));
            }
            String reason = hit ? "cached" : upstream ? "run (an input is rebuilt first)"
                    : !settings.useCache() ? "run (cache off)"
                    : checkpointFolders.has(t.name(), key) ? "run (resumes from its checkpoint)"
                    : "run (no committed output for its key)";
            out.add(new Decision(t.name(), hit, reason, key));
        }
        return out;
    }

    public List<Result> run(Workflow wf) {
        return run(wf, false);
    }

    /** Throws, naming tasks and classes, when a step program is missing (before anything is opened or run). */
    public void checkSteps(Workflow wf) {
        Map<String, List<String>> missing = missingClasses(LocalDag.expand(wf, runName(wf)));
        if (!missing.isEmpty()) {
            throw missingError(missing);
        }
    }

    /**
     * @param skipMissing run what can run when some step programs are not built yet: tasks whose
     *                    main class is missing (and everything downstream of them) are reported, not run
     */
    public List<Result> run(Workflow wf, boolean skipMissing) {
        String runName = runName(wf);
        List<LocalTask> tasks = LocalDag.expand(wf, runName);
        Map<String, List<String>> missingClasses = missingClasses(tasks);
        if (!missingClasses.isEmpty() && !skipMissing) {
            throw missingError(missingClasses);
        }
        Map<String, List<LocalTask>> groups = groups(tasks);
        Path logs = settings.home().resolve("logs").resolve(runName);
        Path work = settings.home().resolve("work").resolve(runName);
        Map<String, Result> results = new LinkedHashMap<>();
        Map<String, Boolean> groupCached = new HashMap<>();
        Set<String> started = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism());
        CompletionService<Result> done = new ExecutorCompletionService<>(pool);
        int running = 0;
        boolean failed = false;
        int width = tasks.stream().mapToInt(t -> t.name().length()).max().orElse(10);
        Thread stopper = new Thread(() -> live.forEach(Process::destroy), "chordflow-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        for (LocalTask t : tasks) {
            if (missingClasses.containsKey(t.mainClass())) {
                started.add(t.name());
                results.put(t.name(), new Result(t.name(), Status.NO_STEP, -1, 0, null, null));
                report(results.get(t.name()), results.size(), tasks.size(), width);
            }
        }
        Map<String, Map<String, String>> outputsOf = new HashMap<>(); // DAG task -> its output parameters
        Set<String> skippedTasks = new HashSet<>();
        try {
            while (true) {
                boolean progress = true;
                while (!failed && progress) {
                    progress = false;
                    for (LocalTask raw : tasks) {
                        if (failed || started.contains(raw.name()) || !raw.dependsOn().stream().allMatch(d -> ok(results.get(d)))) {
                            continue;
                        }
                        started.add(raw.name());
                        LocalTask t;
                        List<LocalTask> group;
                        try {
                            t = raw.resolve(outputsOf, skippedTasks);
                            group = groups.get(t.task()).stream().map(x -> x.resolve(outputsOf, skippedTasks)).toList();
                            if (!t.conditionHolds()) {
                                skippedTasks.add(t.task());
                                Result r = new Result(t.name(), Status.SKIPPED, 0, 0, null, null, Map.of(), t.when());
                                results.put(t.name(), r);
                                report(r, results.size(), tasks.size(), width);
                                progress = true;
                                continue;
                            }
                        } catch (InputException e) {
                            Result r = new Result(raw.name(), Status.FAILED, -1, 0, null, null, Map.of(), e.getMessage());
                            results.put(raw.name(), r);
                            report(r, results.size(), tasks.size(), width);
                            failed = true;
                            continue;
                        }
                        boolean cached = groupCached.computeIfAbsent(t.task(), k -> settings.useCache() && groupHits(group));
                        if (!cached && groups.get(t.task()).get(0) == raw) {
                            clearOutputs(t);
                            cache.forget(t);
                        }
                        String key = cache.key(t);
                        LocalTask resolved = t;
                        if (cached) {
                            Map<String, String> restored = cache.parameters(key);
                            done.submit(() -> new Result(resolved.name(), Status.CACHED, 0, 0, null, key, restored, null));
                        } else {
                            done.submit(() -> execute(resolved, key, logs, work));
                        }
                        running++;
                    }
                }
                if (running == 0) {
                    break;
                }
                Result r = done.take().get();
                running--;
                results.put(r.task(), r);
                if (!r.parameters().isEmpty()) {
                    outputsOf.put(taskOf(tasks, r.task()), r.parameters());
                }
                report(r, results.size(), tasks.size(), width);
                if (r.status() == Status.FAILED) {
                    failed = true;
                }
                commitGroups(groups, results);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("runner error: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        List<Result> all = new ArrayList<>();
        for (LocalTask t : tasks) {
            all.add(results.getOrDefault(t.name(), new Result(t.name(), Status.NOT_RUN, -1, 0, null, null)));
        }
        summary(all, width);
        for (LocalTask t : tasks) {
            Result r = results.get(t.name());
            if (t.showLog() && r != null && r.status() == Status.OK && r.log() != null) {
                try {
                    out.println();
                    out.print(Files.readString(r.log(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.println("(" + t.name() + ": log unreadable: " + e.getMessage() + ")");
                }
            }
        }
        out.flush();
        return all;
    }

    /** Done, for the tasks after it: ran, came from the cache, or was skipped by its condition (as Argo's dependencies). */
    private static boolean ok(Result r) {
        return r != null && (r.status() == Status.OK || r.status() == Status.CACHED || r.status() == Status.SKIPPED);
    }

    private static String taskOf(List<LocalTask> tasks, String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).map(LocalTask::task).findFirst().orElse(name);
    }

    private static Map<String, List<LocalTask>> groups(List<LocalTask> tasks) {
        Map<String, List<LocalTask>> g = new LinkedHashMap<>();
        tasks.forEach(t -> g.computeIfAbsent(t.task(), k -> new ArrayList<>()).add(t));
        return g;
    }

    /**
     * Items of a fanned-out task write into one output folder, so they are cached as a group:
     * all hit or all run (a rerun clears the shared folder first).
     */
    private boolean groupHits(List<LocalTask> group) {
        return group.stream().allMatch(t -> cache.hit(t, cache.key(t)));
    }

    /** Single tasks commit when they finish; a fanned-out task's items once all of them have. */
    private void commitGroups(Map<String, List<LocalTask>> groups, Map<String, Result> results) {
        for (List<LocalTask> group : groups.values()) {
            if (!group.get(0).fannedOut()) {
                continue;
            }
            if (group.stream().allMatch(t -> results.containsKey(t.name()) && results.get(t.name()).status() == Status.OK)
                    && group.stream().anyMatch(t -> results.get(t.name()).key() != null)) {
                for (LocalTask t : group) {
                    Result r = results.get(t.name());
                    cache.commit(t, r.key(), r.wallSeconds());
                    results.put(t.name(), new Result(r.task(), r.status(), r.exitCode(), r.wallSeconds(), r.log(), null));
                }
            }
        }
    }

    private void clearOutputs(LocalTask t) {
        for (String o : t.outputs()) {
            Path p = paths.path(t.params().get(o));
            if (p != null && paths.owns(p) && Files.exists(p)) {
                deleteTree(p);
            }
        }
    }

    private Result execute(LocalTask t, String key, Path logs, Path work) throws IOException, InterruptedException {
        Path taskWork = work.resolve(safe(t.name()));
        Files.createDirectories(taskWork);
        Files.createDirectories(logs);
        Map<String, String> mapped = new HashMap<>();
        for (var f : t.files().entrySet()) {
            Path local = taskWork.resolve(Path.of(f.getKey()).getFileName().toString());
            Files.writeString(local, f.getValue(), StandardCharsets.UTF_8);
            mapped.put(f.getKey(), local.toString());
        }
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
        // output parameters: the container path P is TASKWORK/outputs/P here (its folder too, for --parameters DIR)
        Path paramRoot = taskWork.resolve("outputs");
        if (Files.exists(paramRoot)) {
            deleteTree(paramRoot);
        }
        Map<String, Path> paramFiles = new LinkedHashMap<>();
        for (var o : t.outputParameters().entrySet()) {
            Path local = paramRoot.resolve(o.getValue().replaceFirst("^/+", ""));
            Files.createDirectories(local.getParent());
            paramFiles.put(o.getKey(), local);
            mapped.put(o.getValue(), local.toString());
            String parent = Path.of(o.getValue()).getParent() == null ? null : Path.of(o.getValue()).getParent().toString();
            if (parent != null && !parent.equals("/")) {
                mapped.put(parent, local.getParent().toString());
            }
        }
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
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(settings.root().toFile()).redirectErrorStream(true);
        Path log = AttemptLogs.next(logs, safe(t.name()));
        pb.redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        t.env().forEach((k, v) -> {
            if (!CLUSTER_ONLY.contains(k)) {
                env.put(k, v);
            }
        });
        env.put("MLFLOW_TRACKING_URI", System.getenv().getOrDefault("MLFLOW_TRACKING_URI",
                "file://" + settings.mlruns().toAbsolutePath().normalize()));
        env.put("CHORDFLOW_ARTIFACTS", paths.root().toString());
        // the tracker's offline buffer lives with the rest of the run's state (--state), not in the project root
        env.put(io.chordflow.tracking.Trackers.BUFFER_ENV, System.getenv().getOrDefault(io.chordflow.tracking.Trackers.BUFFER_ENV,
                settings.home().resolve("tracking-buffer").toString()));
        env.put("CHORDFLOW_IMAGE", "local");
        env.put("CHORDFLOW_TASK", t.name());
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE"); // idle OpenMP threads sleep instead of spinning on shared cores // names the step's MLflow run after its DAG task
        env.put("CHORDFLOW_CACHE_KEY", key == null ? "" : key);
        Path checkpoints = checkpointFolders.of(t.name(), key);
        env.put(CheckpointFolders.ENV, checkpoints.toString());
        gitCommit().ifPresent(c -> env.put("CHORDFLOW_GIT_COMMIT", c));
        env.putAll(settings.env());
        long start = System.nanoTime();
        Process proc = pb.start();
        live.add(proc);
        int code;
        try {
            code = proc.waitFor();
        } finally {
            live.remove(proc);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            return new Result(t.name(), Status.FAILED, code, wall, log, null);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (var p : paramFiles.entrySet()) {
            if (!Files.isRegularFile(p.getValue())) {
                Files.writeString(log, "\nchordflow run: task " + t.name() + " exited 0 but wrote no output parameter " + p.getKey()
                        + " at " + t.outputParameters().get(p.getKey()) + "\n", java.nio.file.StandardOpenOption.APPEND);
                return new Result(t.name(), Status.FAILED, 0, wall, log, null);
            }
            parameters.put(p.getKey(), Files.readString(p.getValue(), StandardCharsets.UTF_8).strip());
        }
        if (!t.fannedOut()) {
            try {
                cache.commit(t, key, wall, parameters);
            } catch (IllegalStateException e) {
                Files.writeString(log, "\nchordflow run: " + e.getMessage() + "\n", java.nio.file.StandardOpenOption.APPEND);
                return new Result(t.name(), Status.FAILED, 0, wall, log, null);
            }
        }
        checkpointFolders.done(t.name()); // the output is complete: nothing left to resume
        return new Result(t.name(), Status.OK, 0, wall, log, t.fannedOut() ? key : null, parameters, null);
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

    private java.util.Optional<String> gitCommit;

    /** HEAD of the project's git checkout, when there is one (provenance of local runs). */
    private synchronized java.util.Optional<String> gitCommit() {
        if (gitCommit == null) {
            gitCommit = java.util.Optional.empty();
            try {
                Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(settings.root().toFile())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() == 0 && out.matches("[0-9a-f]{40}")) {
                    gitCommit = java.util.Optional.of(out);
                }
            } catch (IOException e) {
                // no git: provenance says unknown
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return gitCommit;
    }

    /** Main classes not on the runner's class path -> the tasks that need them. */
    Map<String, List<String>> missingClasses(List<LocalTask> tasks) {
        URL[] urls = settings.classPathEntries().stream().filter(s -> !s.isBlank()).map(s -> {
            try {
                return Path.of(s).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(s, e);
            }
        }).toArray(URL[]::new);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            for (LocalTask t : tasks) {
                if (missing.containsKey(t.mainClass())) {
                    missing.get(t.mainClass()).add(t.task());
                    continue;
                }
                try {
                    Class.forName(t.mainClass(), false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    missing.computeIfAbsent(t.mainClass(), k -> new ArrayList<>()).add(t.task());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return missing;
    }

    /** Names every task whose step program is missing, and the class. */
    private static InputException missingError(Map<String, List<String>> missing) {
        List<String> lines = new ArrayList<>();
        missing.forEach((cls, tasks) -> {
            List<String> ts = tasks.stream().distinct().toList();
            lines.add("task " + ts.get(0) + (ts.size() > 1 ? " (and " + String.join(", ", ts.subList(1, ts.size())) + ")" : "")
                    + ": step class " + cls + " is not on the class path");
        });
        return new InputException("cannot run locally: " + String.join("; ", lines)
                + " (the class path is the CLI's: `make build` builds the step modules that exist;"
                + " --skip-missing runs the rest of the DAG)");
    }

    private void report(Result r, int n, int total, int width) {
        String status = switch (r.status()) {
            case OK -> "ok";
            case CACHED -> "cached";
            case FAILED -> "FAILED (exit " + r.exitCode() + ")";
            case NOT_RUN -> "not run";
            case NO_STEP -> "no step program";
            case SKIPPED -> "skipped (condition)";
        };
        String params = r.parameters().isEmpty() ? "" : "  " + r.parameters();
        out.printf(Locale.ROOT, "[%" + digits(total) + "d/%d] %-" + width + "s  %-16s %s%s%n", n, total, r.task(), status,
                r.status() == Status.CACHED ? "from cache, key " + r.key().substring(0, 12)
                        : r.status() == Status.NO_STEP ? "main class not on the class path"
                        : r.status() == Status.SKIPPED ? "when " + r.detail() + " is false"
                        : r.detail() != null ? r.detail()
                        : String.format(Locale.ROOT, "%.1fs", r.wallSeconds()), params);
        if (r.status() == Status.FAILED && r.log() != null) {
            out.println("    log: " + r.log());
            try {
                List<String> lines = Files.readAllLines(r.log(), StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 10), lines.size()).forEach(l -> out.println("    | " + l));
            } catch (IOException | java.io.UncheckedIOException e) {
                out.println("    (log unreadable: " + e.getMessage() + ")");
            }
        }
        out.flush();
    }

    private void summary(List<Result> all, int width) {
        out.println();
        out.printf(Locale.ROOT, "%-" + width + "s  %-8s %-7s %9s%n", "task", "status", "cached", "wall");
        double total = 0;
        for (Result r : all) {
            out.printf(Locale.ROOT, "%-" + width + "s  %-8s %-7s %8.1fs%n", r.task(),
                    switch (r.status()) {
                        case FAILED -> "FAILED";
                        case NOT_RUN -> "not run";
                        case NO_STEP -> "no step";
                        case SKIPPED -> "skipped";
                        default -> "ok";
                    },
                    r.status() == Status.CACHED ? "yes" : "no", r.wallSeconds());
            total += r.wallSeconds();
        }
        long failed = all.stream().filter(r -> r.status() == Status.FAILED).count();
        long cached = all.stream().filter(r -> r.status() == Status.CACHED).count();
        long notRun = all.stream().filter(r -> r.status() == Status.NOT_RUN || r.status() == Status.NO_STEP).count();
        long skipped = all.stream().filter(r -> r.status() == Status.SKIPPED).count();
        out.printf(Locale.ROOT, "%d tasks: %d ran, %d from cache, %s%d failed, %d not run; %.1fs of task time%n",
                all.size(), all.size() - cached - failed - notRun - skipped, cached,
                skipped > 0 ? skipped + " skipped (condition), " : "", failed, notRun, total);
        if (failed > 0) {
            out.println("fix the failure and run again: completed tasks come from the cache");
        }
        out.flush();
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + p, e);
        }
    }
}
