package io.chordflow.workflows.local;

import io.chordflow.common.io.ContentHash;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Task-level cache of a local run. A task's key is
 * {@code sha256(step, step version, main class, parameters, config files, content hash of each input artifact)};
 * parameters are taken as URIs, so the key does not depend on where the artifact folder is.
 * After a task succeeds its record {@code CACHE/KEY.json} is written last (atomically) with the
 * content hash of each output; a later run skips the task when the record exists and every
 * output still has that hash. Failed runs leave no record, which is what makes a rerun resume.
 * The record also holds the task's output parameters (the gate's {@code promoted}), which a hit
 * restores: later tasks' {@code when} and arguments read them as if the task had run.
 */
public final class TaskCache {
    private final Path dir;
    private final ArtifactPaths paths;
    /** Input hashes within one run: the items of a fanned-out task share inputs, hash them once. */
    private final Map<Path, String> inputHashes = new java.util.concurrent.ConcurrentHashMap<>();

    public TaskCache(Path dir, ArtifactPaths paths) {
        this.dir = dir;
        this.paths = paths;
    }

    /**
     * The key. An input artifact that does not exist (its producer has not run, or was skipped)
     * counts as {@code absent}.
     */
    public String key(LocalTask t) {
        Map<String, Object> k = new TreeMap<>();
        k.put("step", t.step());
        k.put("step_version", t.stepVersion());
        k.put("main", t.mainClass());
        k.put("params", new TreeMap<>(t.params()));
        k.put("files", new TreeMap<>(t.files()));
        Map<String, String> inputs = new TreeMap<>();
        for (String in : t.inputs()) {
            String uri = t.params().get(in);
            Path p = uri == null ? null : paths.path(uri);
            if (p == null) {
                // a registry URI names a model version or alias; the registry, not the runner, knows its content
                inputs.put(in, "uri:" + uri);
                continue;
            }
            String h = inputHashes.get(p);
            if (h == null) {
                h = ContentHash.of(p);
                if (h == null) {
                    inputs.put(in, "absent");
                    continue;
                }
                inputHashes.put(p, h);
            }
            inputs.put(in, h);
        }
        k.put("inputs", inputs);
        try {
            return Hashes.sha256(Json.MAPPER.writeValueAsString(k));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A task is about to (re)write its outputs: hashes taken of them before are stale. */
    public void forget(LocalTask t) {
        for (String out : t.outputs()) {
            Path p = paths.path(t.params().get(out));
            if (p != null) {
                inputHashes.keySet().removeIf(k -> k.startsWith(p) || p.startsWith(k));
            }
        }
    }

    /** True when the task's output under this key is committed and unchanged. */
    public boolean hit(LocalTask t, String key) {
        if (key == null || !Files.isRegularFile(dir.resolve(key + ".json"))) {
            return false;
        }
        Path rec = dir.resolve(key + ".json");
        try {
            Map<?, ?> record = Json.MAPPER.readValue(rec.toFile(), Map.class);
            Map<?, ?> outputs = (Map<?, ?>) record.get("outputs");
            for (String out : t.outputs()) {
                String uri = t.params().get(out);
                Object want = outputs == null ? null : outputs.get(uri);
                if (want == null || !want.equals(ContentHash.of(paths.path(uri)))) {
                    return false;
                }
            }
            Map<?, ?> params = record.get("parameters") instanceof Map<?, ?> p ? p : Map.of();
            return params.keySet().containsAll(t.outputParameters().keySet());
        } catch (IOException | RuntimeException e) {
            return false; // an unreadable record is a miss, the task just runs again
        }
    }

    /** The output parameters recorded with a committed task (empty when none or no record). */
    public Map<String, String> parameters(String key) {
        Path rec = key == null ? null : dir.resolve(key + ".json");
        if (rec == null || !Files.isRegularFile(rec)) {
            return Map.of();
        }
        try {
            Map<?, ?> record = Json.MAPPER.readValue(rec.toFile(), Map.class);
            Map<String, String> out = new TreeMap<>();
            if (record.get("parameters") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            }
            return out;
        } catch (IOException e) {
            return Map.of();
        }
    }

    public void commit(LocalTask t, String key, double wallSeconds) {
        commit(t, key, wallSeconds, Map.of());
    }

    public void commit(LocalTask t, String key, double wallSeconds, Map<String, String> parameters) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("task", t.name());
        record.put("step", t.step());
        record.put("key", key);
        Map<String, String> outputs = new TreeMap<>();
        for (String out : t.outputs()) {
            String uri = t.params().get(out);
            String h = ContentHash.of(paths.path(uri));
            if (h == null) {
                throw new IllegalStateException("task " + t.name() + " exited 0 but wrote no " + out + " at " + uri);
            }
            outputs.put(uri, h);
        }
        record.put("outputs", outputs);
        if (!parameters.isEmpty()) {
            record.put("parameters", new TreeMap<>(parameters));
        }
        record.put("finished_at", Instant.now().toString());
        record.put("wall_seconds", wallSeconds);
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve(key + ".json"), Json.MAPPER.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
