package io.chordflow.workflows.local;

import io.chordflow.workflows.argo.Workflow;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a compiled Workflow on this machine, as Argo would run it on a cluster ({@link LocalDag}
 * reads it back into processes, {@link Scheduler} orders them, {@link TaskProcess} runs each,
 * {@link RunReport} prints the progress and the summary): tasks in
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
    private final CheckpointFolders checkpointFolders;

    public LocalRunner(RunnerSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.cache = new TaskCache(settings.cacheDir(), settings.artifacts());
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
        CacheGroups groups = new CacheGroups(tasks, cache);
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
            List<LocalTask> group = groups.of(t.task()).stream().map(x -> x.resolve(known, skipped)).toList();
            boolean hit = !upstream && settings.useCache() && groups.hits(group);
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
        Map<String, List<String>> missing = StepClasses.missing(settings, LocalDag.expand(wf, runName(wf)));
        if (!missing.isEmpty()) {
            throw StepClasses.error(missing);
        }
    }

    /**
     * @param skipMissing run what can run when some step programs are not built yet: tasks whose
     *                    main class is missing (and everything downstream of them) are reported, not run
     */
    public List<Result> run(Workflow wf, boolean skipMissing) {
        String runName = runName(wf);
        List<LocalTask> tasks = LocalDag.expand(wf, runName);
        Map<String, List<String>> missing = StepClasses.missing(settings, tasks);
        if (!missing.isEmpty() && !skipMissing) {
            throw StepClasses.error(missing);
        }
        RunReport report = new RunReport(out, tasks);
        TaskProcess process = new TaskProcess(settings, cache, checkpointFolders, runName);
        Map<String, Result> results = new Scheduler(tasks, settings.useCache(), cache, process, report)
                .run(settings.parallelism(), missing.keySet());
        List<Result> all = new ArrayList<>();
        for (LocalTask t : tasks) {
            all.add(results.getOrDefault(t.name(), new Result(t.name(), Status.NOT_RUN, -1, 0, null, null)));
        }
        report.summary(all);
        report.shownLogs(tasks, results);
        return all;
    }
}
