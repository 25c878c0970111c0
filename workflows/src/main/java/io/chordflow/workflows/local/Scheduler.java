package io.chordflow.workflows.local;

import io.chordflow.common.InputException;
import io.chordflow.workflows.local.LocalRunner.Result;
import io.chordflow.workflows.local.LocalRunner.Status;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts each task once its dependencies are done, up to {@link RunnerSettings#parallelism()} at
 * a time, as Argo's DAG controller would: a task's output parameters flow into the tasks that read
 * them, its {@code when} is evaluated when it is ready (a false one is {@code SKIPPED}, which counts
 * as done for the tasks after it), a cached group is restored instead of run, and like Argo's
 * default failFast the first failure stops new tasks from starting while running ones finish.
 */
final class Scheduler {
    private final List<LocalTask> tasks;
    private final boolean useCache;
    private final TaskCache cache;
    private final CacheGroups groups;
    private final TaskProcess process;
    private final RunReport report;
    private final Map<String, Result> results = new LinkedHashMap<>();
    private final Map<String, Boolean> groupCached = new HashMap<>();
    private final Set<String> started = new HashSet<>();
    /** DAG task -> its output parameters. */
    private final Map<String, Map<String, String>> outputsOf = new HashMap<>();
    private final Set<String> skippedTasks = new HashSet<>();
    private boolean failed;

    Scheduler(List<LocalTask> tasks, boolean useCache, TaskCache cache, TaskProcess process, RunReport report) {
        this.tasks = tasks;
        this.useCache = useCache;
        this.cache = cache;
        this.groups = new CacheGroups(tasks, cache);
        this.process = process;
        this.report = report;
    }

    /**
     * Runs the DAG to its end (or its first failure) and returns each task's result by name; tasks
     * whose main class is in {@code missingClasses} are reported {@code NO_STEP} and never started.
     */
    Map<String, Result> run(int parallelism, Set<String> missingClasses) {
        for (LocalTask t : tasks) {
            if (missingClasses.contains(t.mainClass())) {
                started.add(t.name());
                record(new Result(t.name(), Status.NO_STEP, -1, 0, null, null));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        CompletionService<Result> done = new ExecutorCompletionService<>(pool);
        Thread stopper = new Thread(process::stopAll, "chordflow-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            int running = 0;
            while (true) {
                running += startReady(done);
                if (running == 0) {
                    break;
                }
                Result r = done.take().get();
                running--;
                if (!r.parameters().isEmpty()) {
                    outputsOf.put(taskOf(r.task()), r.parameters());
                }
                record(r);
                if (r.status() == Status.FAILED) {
                    failed = true;
                }
                groups.commit(results);
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
        return results;
    }

    /** Starts (or skips, or restores from the cache) every task whose dependencies are done; returns how many it submitted. */
    private int startReady(CompletionService<Result> done) {
        int submitted = 0;
        boolean progress = true;
        while (!failed && progress) {
            progress = false;
            for (LocalTask raw : tasks) {
                if (failed || started.contains(raw.name()) || !raw.dependsOn().stream().allMatch(d -> finished(results.get(d)))) {
                    continue;
                }
                started.add(raw.name());
                LocalTask t;
                List<LocalTask> group;
                try {
                    t = raw.resolve(outputsOf, skippedTasks);
                    group = groups.of(t.task()).stream().map(x -> x.resolve(outputsOf, skippedTasks)).toList();
                    if (!t.conditionHolds()) {
                        skippedTasks.add(t.task());
                        record(new Result(t.name(), Status.SKIPPED, 0, 0, null, null, Map.of(), t.when()));
                        progress = true;
                        continue;
                    }
                } catch (InputException e) {
                    record(new Result(raw.name(), Status.FAILED, -1, 0, null, null, Map.of(), e.getMessage()));
                    failed = true;
                    continue;
                }
                boolean cached = groupCached.computeIfAbsent(t.task(), k -> useCache && groups.hits(group));
                if (!cached && groups.of(t.task()).get(0) == raw) {
                    process.clearOutputs(t);
                    cache.forget(t);
                }
                String key = cache.key(t);
                if (cached) {
                    Map<String, String> restored = cache.parameters(key);
                    done.submit(() -> new Result(t.name(), Status.CACHED, 0, 0, null, key, restored, null));
                } else {
                    done.submit(() -> process.run(t, key));
                }
                submitted++;
            }
        }
        return submitted;
    }

    private void record(Result r) {
        results.put(r.task(), r);
        report.task(r);
    }

    /** Done, for the tasks after it: ran, came from the cache, or was skipped by its condition (as Argo's dependencies). */
    private static boolean finished(Result r) {
        return r != null && (r.status() == Status.OK || r.status() == Status.CACHED || r.status() == Status.SKIPPED);
    }

    private String taskOf(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).map(LocalTask::task).findFirst().orElse(name);
    }
}
