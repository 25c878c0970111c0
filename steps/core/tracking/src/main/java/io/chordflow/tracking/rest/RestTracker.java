package io.chordflow.tracking.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.Manifest;
import io.chordflow.storage.StorageUri;
import io.chordflow.tracking.Metric;
import io.chordflow.tracking.RunInfo;
import io.chordflow.tracking.RunSpec;
import io.chordflow.tracking.RunStatus;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MLflow tracking server through {@code org.mlflow:mlflow-client}'s typed REST calls. The
 * client's artifact methods are not used (they shell out to a Python mlflow): artifacts go to the
 * run's artifact root directly ({@code s3://} through the {@link ArtifactStore}, {@code file://}) or
 * through the server's artifact proxy ({@code mlflow-artifacts:/...} -> HTTP PUT
 * {@code /api/2.0/mlflow-artifacts/artifacts/...}).
 *
 * <p>When the server cannot be reached, writes (runs, metrics, params, tags, run ends, artifacts,
 * registry writes through {@link OfflineRegistry}) go to an {@link OfflineJournal} and are replayed
 * in order once it answers again; a run or model version created while offline gets a temporary id
 * ({@code offline-...}) that is mapped to the server's on replay. A replay repeated after a crash
 * (an entry the server took but the journal still holds) does no harm: a buffered run or version
 * carries its temporary id as tag {@link Tags#OFFLINE_ID} and is looked up by it before it is
 * created; metrics (MLflow drops exact duplicates), params (same value), tags, run ends, aliases
 * and artifact uploads (same objects) repeat to the same state.
 */
public final class RestTracker implements Tracker {
    private static final Logger log = LoggerFactory.getLogger(RestTracker.class);
    static final String OFFLINE_PREFIX = Tracker.BUFFERED_PREFIX;
    private static final int MAX_METRICS = 1000;
    private static final int MAX_PARAMS = 100;
    private static final int MAX_TAGS = 100;

    private final String trackingUri;
    /** The server URI for logs and messages: any user:password@ part removed. */
    private final String display;
    private final BasicMlflowHostCreds creds;
    private final MlflowClient client;
    private final ArtifactStore store;
    private final OfflineJournal journal;
    private final Clock clock;
    private final Duration retryInterval;
    private final OfflineRegistry registry;
    private final Map<String, String> idMap = new HashMap<>();
    private final Map<String, RunInfo> pendingRuns = new HashMap<>();
    private long nextAttempt;

    public RestTracker(BasicMlflowHostCreds creds, ArtifactStore store, Path bufferDir, Clock clock, Duration retryInterval) {
        this.trackingUri = creds.getHost().replaceAll("/+$", "");
        this.display = io.chordflow.common.text.Redact.uris(trackingUri);
        this.creds = creds;
        this.client = new MlflowClient(creds);
        this.store = store;
        this.journal = new OfflineJournal(bufferDir);
        this.clock = clock;
        this.retryInterval = retryInterval;
        this.registry = new OfflineRegistry(this, new RestModelRegistry(client));
    }

    MlflowClient client() {
        return client;
    }

    /** The buffer file of this process (exists only while something is waiting for the server). */
    public Path bufferFile() {
        return journal.file();
    }

    public synchronized int pending() {
        int n = journal.entries().size();
        for (OfflineJournal.Orphan o : journal.orphans()) {
            try (o) {
                n += o.entries().size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    // ---- experiments and runs ----

    @Override
    public String experimentId(String name) {
        Optional<Service.Experiment> e = client.getExperimentByName(name);
        return e.isPresent() ? e.get().getExperimentId() : client.createExperiment(name);
    }

    @Override
    public synchronized RunInfo startRun(RunSpec spec) {
        long start = clock.millis();
        Map<String, String> tags = new java.util.TreeMap<>(spec.tags());
        String runName = spec.runName() != null ? spec.runName() : tags.get(Tags.RUN_NAME);
        if (runName != null) {
            tags.put(Tags.RUN_NAME, runName);
        }
        if (spec.parentRunId() != null) {
            tags.put(Tags.PARENT_RUN_ID, spec.parentRunId());
        }
        tags.putIfAbsent(Tags.USER, System.getProperty("user.name", "unknown"));
        tags.putIfAbsent(Tags.SOURCE_TYPE, "LOCAL");
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("op", "create_run");
        entry.put("experiment_name", spec.experimentName());
        if (runName != null) {
            entry.put("run_name", runName);
        }
        entry.put("start_time", start);
        ObjectNode t = entry.putObject("tags");
        tags.forEach(t::put);
        if (flush()) {
            try {
                return createRun(entry);
            } catch (RuntimeException e) {
                if (!Unreachable.is(e)) {
                    throw e;
                }
                markDown(e);
            }
        }
        String localId = OFFLINE_PREFIX + UUID.randomUUID().toString().replace("-", "");
        entry.put("local_id", localId);
        t.put(Tags.OFFLINE_ID, localId);
        journal.append(entry);
        RunInfo info = new RunInfo(localId, null, runName, RunStatus.RUNNING, null);
        pendingRuns.put(localId, info);
        log.warn("MLflow server {} unreachable: run '{}' is buffered in {} as {} and created when it answers",
                display, runName, journal.file(), localId);
        return info;
    }

    private RunInfo createRun(ObjectNode entry) {
        String expId = experimentId(entry.get("experiment_name").asText());
        if (entry.hasNonNull("local_id")) { // a replay: an earlier one may have created it and died before noting so
            List<Service.RunInfo> done = client.searchRuns(List.of(expId),
                    "tags.`" + Tags.OFFLINE_ID + "` = '" + entry.get("local_id").asText() + "'");
            if (!done.isEmpty()) {
                return toInfo(done.get(0));
            }
        }
        Service.CreateRun.Builder req = Service.CreateRun.newBuilder().setExperimentId(expId)
                .setStartTime(entry.get("start_time").asLong());
        if (entry.hasNonNull("run_name")) {
            req.setRunName(entry.get("run_name").asText());
        }
        String user = entry.path("tags").path(Tags.USER).asText("");
        if (!user.isEmpty()) {
            req.setUserId(user);
        }
        entry.path("tags").fields().forEachRemaining(f -> req.addTags(
                Service.RunTag.newBuilder().setKey(f.getKey()).setValue(real(f.getValue().asText())).build()));
        Service.RunInfo ri = client.createRun(req.build());
        return toInfo(ri);
    }

    private static RunInfo toInfo(Service.RunInfo ri) {
        return new RunInfo(ri.getRunId(), ri.getExperimentId(), ri.getRunName(),
                RunStatus.valueOf(ri.getStatus().name()), ri.getArtifactUri());
    }

    String real(String id) {
        return idMap.getOrDefault(id, id);
    }

    @Override
    public synchronized RunInfo getRun(String runId) {
        String id = real(runId);
        if (id.startsWith(OFFLINE_PREFIX)) {
            flush();
            id = real(runId);
            if (id.startsWith(OFFLINE_PREFIX)) {
                return pendingRuns.get(id);
            }
        }
        return toInfo(client.getRun(id).getInfo());
    }

    // ---- writes that may be buffered ----

    /**
     * Split into requests within log-batch's limits (mlflow/utils/validation.py: 1000 metrics,
     * 100 params, 100 tags); each request is one journal entry, so a replay after a partial
     * failure never re-sends a chunk the server already took.
     */
    @Override
    public synchronized void logBatch(String runId, List<Metric> metrics, Map<String, String> params,
            Map<String, String> tags) {
        List<Map.Entry<String, String>> ps = new ArrayList<>(new java.util.TreeMap<>(params).entrySet());
        List<Map.Entry<String, String>> ts = new ArrayList<>(new java.util.TreeMap<>(tags).entrySet());
        for (int i = 0; i < Math.max(ps.size(), ts.size()); i += MAX_PARAMS) {
            ObjectNode entry = batchEntry(runId);
            ObjectNode pn = entry.putObject("params");
            ps.subList(Math.min(i, ps.size()), Math.min(ps.size(), i + MAX_PARAMS)).forEach(e -> pn.put(e.getKey(), e.getValue()));
            ObjectNode tn = entry.putObject("tags");
            ts.subList(Math.min(i, ts.size()), Math.min(ts.size(), i + MAX_TAGS)).forEach(e -> tn.put(e.getKey(), e.getValue()));
            submit(entry);
        }
        for (int i = 0; i < metrics.size(); i += MAX_METRICS) {
            ObjectNode entry = batchEntry(runId);
            ArrayNode ms = entry.putArray("metrics");
            for (Metric m : metrics.subList(i, Math.min(metrics.size(), i + MAX_METRICS))) {
                ms.addObject().put("key", m.key()).put("value", m.value()).put("timestamp", m.timestamp())
                        .put("step", m.step());
            }
            submit(entry);
        }
    }

    private ObjectNode batchEntry(String runId) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("op", "log_batch");
        entry.put("run_id", real(runId));
        return entry;
    }

    @Override
    public synchronized void endRun(String runId, RunStatus status) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("op", "end_run");
        entry.put("run_id", real(runId));
        entry.put("status", status.name());
        entry.put("end_time", clock.millis());
        submit(entry);
    }

    @Override
    public synchronized void logArtifact(String runId, Path file, String artifactPath) throws IOException {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("op", "artifact");
        entry.put("run_id", real(runId));
        entry.put("file", file.toAbsolutePath().toString());
        entry.put("artifact_path", artifactPath == null ? "" : artifactPath);
        if (flush()) {
            try {
                apply(entry);
                return;
            } catch (RuntimeException e) {
                if (!Unreachable.is(e)) {
                    throw e;
                }
                markDown(e);
            }
        }
        // Keep a copy: the step may delete its files before the server is back.
        Path copy = journal.file().resolveSibling("artifacts").resolve(UUID.randomUUID().toString())
                .resolve(file.getFileName().toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
        entry.put("file", copy.toString());
        entry.put("owned_copy", true);
        journal.append(entry);
    }

    /**
     * Uploads {@code dir} under the run's artifacts, files first and the manifest last. While the
     * server is unreachable (or the run is still a buffered one) the folder is copied into the
     * buffer and uploaded on replay, the same way (so a replay repeated after a crash uploads the
     * same objects again: idempotent); the URI returned then is {@code runs:/RUN_ID/PATH}.
     */
    @Override
    public synchronized String logArtifacts(String runId, Path dir, String artifactPath) throws IOException {
        if (flush() && !runId.startsWith(OFFLINE_PREFIX)) {
            try {
                RunInfo info = getRun(runId);
                if (info != null && info.artifactUri() != null) {
                    return uploadFolder(dir, join(info.artifactUri(), artifactPath));
                }
            } catch (RuntimeException e) {
                if (!Unreachable.is(e)) {
                    throw e;
                }
                markDown(e);
            }
        }
        StorageUri.checkRelative("artifact path", artifactPath == null || artifactPath.isEmpty() ? "." : artifactPath);
        Path copy = journal.file().resolveSibling("artifacts").resolve(UUID.randomUUID().toString());
        copyTree(dir, copy);
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("op", "artifacts");
        entry.put("run_id", real(runId));
        entry.put("dir", copy.toString());
        entry.put("artifact_path", artifactPath == null ? "" : artifactPath);
        entry.put("owned_copy", true);
        journal.append(entry);
        log.info("MLflow server {} unreachable: folder {} is buffered in {} and uploaded when it answers", display, dir, copy);
        return "runs:/" + runId + (artifactPath == null || artifactPath.isEmpty() ? "" : "/" + artifactPath);
    }

    private String uploadFolder(Path dir, String base) throws IOException {
        Manifest manifest = Manifest.of(dir);
        for (Manifest.Entry e : manifest.files()) {
            upload(dir.resolve(e.path()), join(base, e.path()));
        }
        Path marker = Files.createTempFile("manifest", ".json");
        try {
            Files.write(marker, manifest.toBytes());
            upload(marker, join(base, Manifest.FILE_NAME));
        } finally {
            Files.deleteIfExists(marker);
        }
        return base;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static String join(String base, String rel) {
        if (rel == null || rel.isEmpty()) {
            return base;
        }
        StorageUri.checkRelative("artifact path", rel);
        return base.replaceAll("/+$", "") + "/" + rel;
    }

    /** Uploads one file to an artifact URI of any supported kind. */
    private void upload(Path file, String target) throws IOException {
        if (target.startsWith("mlflow-artifacts:")) {
            proxyPut(file, target);
        } else if (target.startsWith("s3://") || target.startsWith("file:") || target.startsWith("/")) {
            store.put(file, URI.create(target));
        } else {
            throw new InputException("artifact location " + target
                    + ": unsupported (chordflow writes s3://, file:// and mlflow-artifacts:/ artifact roots)");
        }
    }

    /** PUT through the tracking server's artifact proxy (mlflow server --serve-artifacts). */
    private void proxyPut(Path file, String target) throws IOException {
        // mlflow-artifacts:/<path> or mlflow-artifacts://host:port/<path>: the path is what counts.
        URI u = URI.create(target);
        String path = u.getRawPath().replaceAll("^/+", "");
        URI url = URI.create(trackingUri + "/api/2.0/mlflow-artifacts/artifacts/" + path);
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10))
                .PUT(HttpRequest.BodyPublishers.ofFile(file));
        if (creds.getToken() != null) {
            req.header("Authorization", "Bearer " + creds.getToken());
        } else if (creds.getUsername() != null) {
            String basic = creds.getUsername() + ":" + creds.getPassword();
            req.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    basic.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IOException("PUT " + url.getPath() + ": HTTP " + r.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading " + file, e);
        }
    }

    synchronized void submit(ObjectNode entry) {
        if (flush()) {
            try {
                apply(entry);
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                if (!Unreachable.is(e)) {
                    throw e;
                }
                markDown(e);
            }
        }
        journal.append(entry);
    }

    void buffer(ObjectNode entry) {
        journal.append(entry);
    }

    /** Where buffered calls wait (the tracker's buffer folder). */
    Path bufferDir() {
        return journal.file().getParent();
    }

    String display() {
        return display;
    }

    void log(String message) {
        log.info("MLflow server {}: {}", display, message);
    }

    /**
     * Where a source names its files: {@code runs:/RUN_ID/PATH} (what {@link #logArtifacts} returns
     * while offline) becomes that run's artifact location; anything else is already one.
     */
    String artifactLocation(String source) {
        if (!source.startsWith("runs:/")) {
            return source;
        }
        String rest = source.substring("runs:/".length());
        int slash = rest.indexOf('/');
        String runId = real(slash < 0 ? rest : rest.substring(0, slash));
        return join(toInfo(client.getRun(runId).getInfo()).artifactUri(), slash < 0 ? "" : rest.substring(slash + 1));
    }

    void markDown(Exception e) {
        nextAttempt = clock.millis() + retryInterval.toMillis();
        log.warn("MLflow server {} unreachable ({}); buffering to {}", display, e.getClass().getSimpleName(),
                journal.file());
    }

    /**
     * Replays what is buffered (other processes' leftovers first, then ours), in order. Returns
     * true when nothing is left, i.e. new calls may go straight to the server.
     */
    public synchronized boolean flush() {
        boolean ownEmpty = journal.isEmpty();
        if (clock.millis() < nextAttempt) {
            return false;
        }
        try {
            for (OfflineJournal.Orphan o : journal.orphans()) {
                try (o) {
                    if (!replay(o.entries(), o::rewrite)) {
                        return false;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ownEmpty) {
            return true;
        }
        return replay(journal.entries(), journal::rewrite);
    }

    private boolean replay(List<ObjectNode> entries, java.util.function.Consumer<List<ObjectNode>> rewrite) {
        List<ObjectNode> remaining = new ArrayList<>(entries);
        int done = 0;
        while (!remaining.isEmpty()) {
            ObjectNode entry = remaining.get(0);
            try {
                String created = apply(entry);
                remaining.remove(0);
                if (created != null) {
                    substitute(remaining, entry.get("local_id").asText(), created);
                }
                rewrite.accept(remaining);
                done++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                if (!Unreachable.is(e)) {
                    throw e;
                }
                markDown(e);
                return false;
            }
        }
        if (done > 0) {
            log.info("MLflow server {} is back: replayed {} buffered calls", display, done);
        }
        return true;
    }

    /** After an offline run or version got its real id, later entries must name the real one. */
    private void substitute(List<ObjectNode> entries, String localId, String realId) {
        idMap.put(localId, realId);
        for (ObjectNode n : entries) {
            for (String field : new String[] {"run_id", "version"}) {
                if (localId.equals(n.path(field).asText())) {
                    n.put(field, realId);
                }
            }
            if (n.path("source").asText().startsWith("runs:/" + localId + "/")) {
                n.put("source", "runs:/" + realId + n.get("source").asText().substring(("runs:/" + localId).length()));
            }
            JsonNode tags = n.get("tags");
            if (tags instanceof ObjectNode t && localId.equals(t.path(Tags.PARENT_RUN_ID).asText())) {
                t.put(Tags.PARENT_RUN_ID, realId);
            }
        }
    }

    /** Sends one entry; returns the server's id for a create_run or a register_version. */
    private String apply(ObjectNode e) throws IOException {
        String op = e.get("op").asText();
        if (OfflineRegistry.handles(op)) {
            return registry.replay(e);
        }
        switch (op) {
            case "create_run" -> {
                return createRun(e).runId();
            }
            case "log_batch" -> {
                String runId = real(e.get("run_id").asText());
                List<Service.Metric> metrics = new ArrayList<>();
                for (JsonNode m : e.path("metrics")) {
                    metrics.add(Service.Metric.newBuilder().setKey(m.get("key").asText()).setValue(m.get("value").asDouble())
                            .setTimestamp(m.get("timestamp").asLong()).setStep(m.get("step").asLong()).build());
                }
                List<Service.Param> params = new ArrayList<>();
                e.path("params").fields().forEachRemaining(f -> params.add(
                        Service.Param.newBuilder().setKey(f.getKey()).setValue(f.getValue().asText()).build()));
                List<Service.RunTag> tags = new ArrayList<>();
                e.path("tags").fields().forEachRemaining(f -> tags.add(
                        Service.RunTag.newBuilder().setKey(f.getKey()).setValue(f.getValue().asText()).build()));
                sendBatches(runId, metrics, params, tags);
                return null;
            }
            case "end_run" -> {
                client.setTerminated(real(e.get("run_id").asText()), Service.RunStatus.valueOf(e.get("status").asText()),
                        e.get("end_time").asLong());
                return null;
            }
            case "artifact" -> {
                RunInfo info = toInfo(client.getRun(real(e.get("run_id").asText())).getInfo());
                Path file = Path.of(e.get("file").asText());
                String dest = join(join(info.artifactUri(), e.get("artifact_path").asText()), file.getFileName().toString());
                try {
                    upload(file, dest);
                    if (e.path("owned_copy").asBoolean()) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException io) {
                    throw new MlflowClientException(io);
                }
                return null;
            }
            case "artifacts" -> {
                RunInfo info = toInfo(client.getRun(real(e.get("run_id").asText())).getInfo());
                Path dir = Path.of(e.get("dir").asText());
                try {
                    if (Files.isDirectory(dir)) { // absent: uploaded and removed by an earlier replay that then died
                        uploadFolder(dir, join(info.artifactUri(), e.get("artifact_path").asText()));
                        if (e.path("owned_copy").asBoolean()) {
                            deleteTree(dir);
                        }
                    }
                } catch (IOException io) {
                    throw new MlflowClientException(io);
                }
                return null;
            }
            default -> throw new IllegalStateException("unknown buffered operation " + op);
        }
    }

    private void sendBatches(String runId, List<Service.Metric> metrics, List<Service.Param> params,
            List<Service.RunTag> tags) {
        client.logBatch(runId, metrics, params, tags); // one entry is already within the limits
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public synchronized void close() {
        nextAttempt = 0;
        try {
            if (!flush()) {
                log.warn("MLflow server {} still unreachable: {} buffered calls stay in {} and are replayed by the"
                        + " next chordflow process that uses this buffer folder", display, journal.entries().size(),
                        journal.file());
            }
        } finally {
            journal.close();
            client.close();
        }
    }

    @Override
    public String toString() {
        return "RestTracker[" + display + "]";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
