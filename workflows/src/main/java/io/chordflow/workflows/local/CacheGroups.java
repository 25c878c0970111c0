package io.chordflow.workflows.local;

import io.chordflow.workflows.local.LocalRunner.Result;
import io.chordflow.workflows.local.LocalRunner.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of a run grouped by DAG task. Items of a fanned-out task write into one output
 * folder, so they are cached as a group: all hit or all run (a rerun clears the shared folder
 * first), and they commit together once all of them have finished.
 */
final class CacheGroups {
    private final Map<String, List<LocalTask>> groups = new LinkedHashMap<>();
    private final TaskCache cache;

    CacheGroups(List<LocalTask> tasks, TaskCache cache) {
        this.cache = cache;
        tasks.forEach(t -> groups.computeIfAbsent(t.task(), k -> new ArrayList<>()).add(t));
    }

    /** The processes of DAG task {@code task} (one, or one per item). */
    List<LocalTask> of(String task) {
        return groups.get(task);
    }

    /** Whether every task of the (resolved) group has a cache hit. */
    boolean hits(List<LocalTask> group) {
        return group.stream().allMatch(t -> cache.hit(t, cache.key(t)));
    }

    /** Single tasks commit when they finish; a fanned-out task's items once all of them have. */
    void commit(Map<String, Result> results) {
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
}
