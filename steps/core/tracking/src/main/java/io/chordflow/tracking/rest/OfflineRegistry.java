package io.chordflow.tracking.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordflow.common.UnavailableException;
import io.chordflow.common.io.Json;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.registry.Assignment;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.Promoter;
import io.chordflow.tracking.registry.RegisteredModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@link RestTracker}'s registry: writes (a new version, an alias, a tag, a registration's
 * alias by the promotion rule) go to the server while it answers and nothing is waiting, else
 * into the tracker's offline buffer, in order with the runs, metrics and artifacts they depend on.
 * A version registered offline gets a temporary number ({@value Tracker#BUFFERED_PREFIX}...) that the
 * buffered entries after it name until the replay maps it to the server's. Reads replay what is
 * buffered first, so they see the writes made before them.
 */
final class OfflineRegistry implements ModelRegistry {
    private final RestTracker tracker;
    private final RestModelRegistry server;

    OfflineRegistry(RestTracker tracker, RestModelRegistry server) {
        this.tracker = tracker;
        this.server = server;
    }

    @Override
    public ModelVersion register(String name, String source, String runId, Map<String, String> tags) {
        synchronized (tracker) {
            String run = runId == null ? null : tracker.real(runId);
            if (tracker.flush() && (run == null || !run.startsWith(Tracker.BUFFERED_PREFIX))) {
                try {
                    return server.register(name, tracker.artifactLocation(source), run, tags);
                } catch (RuntimeException e) {
                    if (!Unreachable.is(e)) {
                        throw e;
                    }
                    tracker.markDown(e);
                }
            }
            String local = Tracker.BUFFERED_PREFIX + "v-" + UUID.randomUUID().toString().replace("-", "");
            ObjectNode entry = entry("register_version", name).put("source", source).put("local_id", local);
            if (run != null) {
                entry.put("run_id", run);
            }
            ObjectNode t = entry.putObject("tags");
            new TreeMap<>(tags).forEach(t::put);
            tracker.buffer(entry);
            return new ModelVersion(name, local, source, run, tags, List.of(), System.currentTimeMillis());
        }
    }

    /** Online: {@link Promoter#assign}; offline, the decision itself is buffered and made on replay, against the registry then. */
    @Override
    public Assignment assign(String name, String version, String alias) throws IOException {
        synchronized (tracker) {
            if (tracker.flush() && !version.startsWith(Tracker.BUFFERED_PREFIX)) {
                try {
                    return Promoter.assign(server, name, version, alias);
                } catch (RuntimeException e) {
                    if (!Unreachable.is(e)) {
                        throw e;
                    }
                    tracker.markDown(e);
                }
            }
            tracker.buffer(entry("assign", name).put("version", version).put("alias", alias));
            return new Assignment(alias, "MLflow server " + tracker.display() + " unreachable: the new version of " + name
                    + " (alias " + alias + (alias.equals(CHAMPION) ? " by the promotion rule, decided on replay" : "")
                    + "), its tags and the model folder are buffered in " + tracker.bufferDir() + "; the next chordflow"
                    + " command that reaches the server with this buffer folder (CHORDFLOW_TRACKING_BUFFER; chordflow run"
                    + " sets it to <state>/tracking-buffer) replays them in order, once");
        }
    }

    /** Replays a buffered entry of this registry's; returns the version number a {@code register_version} got. */
    String replay(ObjectNode e) throws IOException {
        String name = e.get("name").asText();
        switch (e.get("op").asText()) {
            case "register_version" -> {
                Map<String, String> tags = new TreeMap<>();
                e.path("tags").fields().forEachRemaining(f -> tags.put(f.getKey(), f.getValue().asText()));
                ModelVersion v = server.registerOnce(name, tracker.artifactLocation(e.get("source").asText()),
                        e.hasNonNull("run_id") ? e.get("run_id").asText() : null, tags, e.get("local_id").asText());
                return v.version();
            }
            case "assign" -> {
                String version = e.get("version").asText();
                Assignment a = Promoter.assign(server, name, version, e.get("alias").asText());
                tracker.log("buffered registration replayed: " + name + " version " + version + " (" + a.alias() + ")"
                        + (a.message() == null ? "" : ": " + a.message()));
            }
            case "set_alias" -> server.setAlias(name, e.get("alias").asText(), e.get("version").asText());
            case "set_version_tag" -> server.setVersionTag(name, e.get("version").asText(), e.get("key").asText(),
                    e.get("value").asText());
            default -> throw new IllegalStateException("unknown buffered registry operation " + e.get("op"));
        }
        return null;
    }

    static boolean handles(String op) {
        return op.equals("register_version") || op.equals("assign") || op.equals("set_alias") || op.equals("set_version_tag");
    }

    private static ObjectNode entry(String op, String name) {
        return Json.MAPPER.createObjectNode().put("op", op).put("name", name);
    }

    @Override
    public void setAlias(String name, String alias, String version) {
        tracker.submit(entry("set_alias", name).put("alias", alias).put("version", version));
    }

    @Override
    public void setVersionTag(String name, String version, String key, String value) {
        tracker.submit(entry("set_version_tag", name).put("version", version).put("key", key).put("value", value));
    }

    @Override
    public Optional<ModelVersion> byAlias(String name, String alias) {
        return read(() -> server.byAlias(name, alias));
    }

    @Override
    public ModelVersion version(String name, String version) {
        return read(() -> server.version(name, tracker.real(version)));
    }

    @Override
    public List<RegisteredModel> list() {
        return read(server::list);
    }

    /** A read needs the server (the buffer holds only writes): when it is down, one clear line, not the client's exception. */
    private <T> T read(Supplier<T> call) {
        tracker.flush();
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (!Unreachable.is(e)) {
                throw e;
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UnavailableException("MLflow server " + tracker.display() + " unreachable (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + "): reading the model registry needs it"
                    + " (writes are buffered and replayed; reads are not)", e);
        }
    }
}
