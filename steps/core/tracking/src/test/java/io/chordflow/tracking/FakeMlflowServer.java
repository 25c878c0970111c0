package io.chordflow.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.mlflow.api.proto.MlflowArtifacts;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.api.proto.Service;
import org.mlflow_project.databricks.Databricks;
import org.mlflow_project.google.protobuf.Descriptors;
import org.mlflow_project.google.protobuf.DynamicMessage;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * An in-memory MLflow tracking server on 127.0.0.1 for tests. Every request is checked against
 * MLflow's own REST definition, the protobuf descriptors shipped in the mlflow-client jar (compiled
 * from service.proto, model_registry.proto, mlflow_artifacts.proto): the HTTP method and path must
 * be an endpoint of an rpc ({@code option (rpc).endpoints}), the JSON body (or query string) must
 * parse strictly as that rpc's request message (no unknown fields, right types), and fields marked
 * {@code (validate_required) = true} must be present. Violations are collected in
 * {@link #violations()} and answered with 400 INVALID_PARAMETER_VALUE, as MLflow does.
 * Answers follow the response messages' JSON shapes (snake_case fields, enums by name).
 * State survives {@link #stop()}/{@link #start()} so a test can take the server down and up.
 */
final class FakeMlflowServer implements AutoCloseable {
    private static final ObjectMapper M = new ObjectMapper();

    record Endpoint(String method, String path, Descriptors.Descriptor request, String rpc) {
    }

    record Request(String method, String path, String body) {
    }

    private final List<Endpoint> endpoints = new ArrayList<>();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private int port;
    final String artifactRootScheme;

    // state
    final Map<String, ObjectNode> experiments = new LinkedHashMap<>();
    final Map<String, ObjectNode> runInfos = new LinkedHashMap<>();
    final Map<String, Map<String, String>> runParams = new LinkedHashMap<>();
    final Map<String, Map<String, String>> runTags = new LinkedHashMap<>();
    final Map<String, List<ObjectNode>> runMetrics = new LinkedHashMap<>();
    final Map<String, ObjectNode> models = new LinkedHashMap<>();
    final Map<String, List<ObjectNode>> versions = new LinkedHashMap<>();
    final Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
    final Map<String, byte[]> artifacts = new TreeMap<>();

    /** A crash point: after applying this rpc the server waits, not answering, until {@link #release} (see {@link #holdAfter}). */
    private volatile String holdRpc;
    private volatile java.util.concurrent.CountDownLatch held;
    private volatile java.util.concurrent.CountDownLatch release;

    FakeMlflowServer(String artifactRootScheme) throws IOException {
        this.artifactRootScheme = artifactRootScheme;
        for (Descriptors.FileDescriptor fd : List.of(Service.getDescriptor(), ModelRegistry.getDescriptor(),
                MlflowArtifacts.getDescriptor())) {
            for (Descriptors.ServiceDescriptor sd : fd.getServices()) {
                for (Descriptors.MethodDescriptor md : sd.getMethods()) {
                    Databricks.DatabricksRpcOptions rpc = md.getOptions().getExtension(Databricks.rpc);
                    for (Databricks.HttpEndpoint ep : rpc.getEndpointsList()) {
                        String base = fd == MlflowArtifacts.getDescriptor() ? "/api/2.0" : "/api/2.0";
                        endpoints.add(new Endpoint(ep.getMethod(), base + ep.getPath(), md.getInputType(), md.getName()));
                    }
                }
            }
        }
        if (endpoints.size() < 30) {
            throw new IllegalStateException("MLflow rpc endpoints not found in the client's descriptors: " + endpoints);
        }
        experiments.put("0", experiment("0", "Default"));
        start(0);
    }

    /**
     * From now on, the first {@code rpc} request is applied and then left unanswered until
     * {@link #release()}; the latch returned opens when it arrives (so a test can kill its client then).
     */
    java.util.concurrent.CountDownLatch holdAfter(String rpc) {
        held = new java.util.concurrent.CountDownLatch(1);
        release = new java.util.concurrent.CountDownLatch(1);
        holdRpc = rpc;
        return held;
    }

    void release() {
        holdRpc = null;
        release.countDown();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws IOException {
        start(port);
    }

    private void start(int p) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 0);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    private Endpoint match(String method, String path) {
        for (Endpoint e : endpoints) {
            if (!e.method().equals(method)) {
                continue;
            }
            String p = e.path();
            int var = p.indexOf("<path:");
            if (var >= 0 ? path.startsWith(p.substring(0, var)) && path.length() > var : path.equals(p)) {
                return e;
            }
        }
        return null;
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        byte[] raw = ex.getRequestBody().readAllBytes();
        String body = new String(raw, StandardCharsets.UTF_8);
        requests.add(new Request(method, path, body));
        Endpoint ep = match(method, path);
        if (ep == null) {
            violations.add(method + " " + path + ": not an MLflow REST endpoint");
            reply(ex, 404, error("ENDPOINT_NOT_FOUND", "no such endpoint"));
            return;
        }
        if (path.startsWith("/api/2.0/mlflow-artifacts/artifacts/")) {
            artifacts.put(URLDecoder.decode(path.substring("/api/2.0/mlflow-artifacts/artifacts/".length()),
                    StandardCharsets.UTF_8), raw);
            reply(ex, 200, M.createObjectNode());
            return;
        }
        ObjectNode req;
        try {
            req = "GET".equals(method) ? query(ex.getRequestURI().getRawQuery()) : (ObjectNode) M.readTree(body);
            DynamicMessage.Builder b = DynamicMessage.newBuilder(ep.request());
            JsonFormat.parser().merge(M.writeValueAsString(req), b); // strict: unknown fields fail
            DynamicMessage msg = b.build();
            for (Descriptors.FieldDescriptor f : ep.request().getFields()) {
                if (f.getOptions().getExtension(Databricks.validateRequired) && !f.isRepeated() && !msg.hasField(f)) {
                    throw new IllegalArgumentException("missing required field '" + f.getName() + "'");
                }
            }
        } catch (Exception e) {
            violations.add(method + " " + path + " (" + ep.rpc() + "): " + e.getMessage() + " in " + body);
            reply(ex, 400, error("INVALID_PARAMETER_VALUE", String.valueOf(e.getMessage())));
            return;
        }
        try {
            Answer a = answer(ep.rpc(), req);
            if (ep.rpc().equals(holdRpc)) {
                holdRpc = null;
                held.countDown();
                release.await();
            }
            reply(ex, a.status(), a.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            violations.add(ep.rpc() + ": fake server failed: " + e);
            reply(ex, 500, error("INTERNAL_ERROR", e.toString()));
        }
    }

    private static ObjectNode query(String rawQuery) {
        ObjectNode q = M.createObjectNode();
        if (rawQuery != null) {
            for (String kv : rawQuery.split("&")) {
                int eq = kv.indexOf('=');
                q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static ObjectNode error(String code, String message) {
        return M.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] out = M.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    record Answer(int status, JsonNode body) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }
    }

    private ObjectNode experiment(String id, String name) {
        long now = System.currentTimeMillis();
        return M.createObjectNode().put("experiment_id", id).put("name", name)
                .put("artifact_location", artifactRootScheme + id).put("lifecycle_stage", "active")
                .put("last_update_time", now).put("creation_time", now);
    }

    private ObjectNode run(String runId) {
        ObjectNode run = M.createObjectNode();
        run.set("info", runInfos.get(runId));
        ObjectNode data = run.putObject("data");
        ArrayNode tags = data.putArray("tags");
        runTags.get(runId).forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        ArrayNode params = data.putArray("params");
        runParams.get(runId).forEach((k, v) -> params.addObject().put("key", k).put("value", v));
        Map<String, ObjectNode> latest = new TreeMap<>();
        runMetrics.get(runId).forEach(m -> latest.put(m.get("key").asText(), m));
        ArrayNode metrics = data.putArray("metrics");
        latest.values().forEach(metrics::add);
        run.putObject("inputs");
        return run;
    }

    private ObjectNode modelJson(String name) {
        ObjectNode rm = models.get(name).deepCopy();
        ArrayNode al = rm.putArray("aliases");
        aliases.get(name).forEach((a, v) -> al.addObject().put("alias", a).put("version", v));
        return rm;
    }

    private ObjectNode versionJson(ObjectNode mv) {
        ObjectNode out = mv.deepCopy();
        ArrayNode al = out.putArray("aliases");
        aliases.get(mv.get("name").asText()).forEach((a, v) -> {
            if (v.equals(mv.get("version").asText())) {
                al.add(a);
            }
        });
        return out;
    }

    private Answer notFound(String what) {
        return new Answer(404, error("RESOURCE_DOES_NOT_EXIST", what + " not found"));
    }

    private ObjectNode findVersion(String name, String version) {
        for (ObjectNode mv : versions.getOrDefault(name, List.of())) {
            if (mv.get("version").asText().equals(version)) {
                return mv;
            }
        }
        return null;
    }

    private Answer answer(String rpc, ObjectNode r) {
        switch (rpc) {
            case "getExperimentByName" -> {
                for (ObjectNode e : experiments.values()) {
                    if (e.get("name").asText().equals(r.get("experiment_name").asText())) {
                        ObjectNode out = M.createObjectNode();
                        out.set("experiment", e);
                        return Answer.ok(out);
                    }
                }
                return notFound("Could not find experiment with name '" + r.get("experiment_name").asText() + "'. Experiment");
            }
            case "createExperiment" -> {
                String id = Integer.toString(experiments.size());
                experiments.put(id, experiment(id, r.get("name").asText()));
                return Answer.ok(M.createObjectNode().put("experiment_id", id));
            }
            case "createRun" -> {
                String id = UUID.randomUUID().toString().replace("-", "");
                String exp = r.get("experiment_id").asText();
                String name = r.path("run_name").asText("run-" + id.substring(0, 6));
                ObjectNode info = M.createObjectNode().put("run_id", id).put("run_uuid", id).put("run_name", name)
                        .put("experiment_id", exp).put("user_id", r.path("user_id").asText(""))
                        .put("status", "RUNNING").put("start_time", r.path("start_time").asLong())
                        .put("artifact_uri", experiments.get(exp).get("artifact_location").asText() + "/" + id + "/artifacts")
                        .put("lifecycle_stage", "active");
                runInfos.put(id, info);
                Map<String, String> tags = new LinkedHashMap<>();
                r.path("tags").forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
                tags.putIfAbsent("mlflow.runName", name);
                runTags.put(id, tags);
                runParams.put(id, new LinkedHashMap<>());
                runMetrics.put(id, new ArrayList<>());
                ObjectNode out = M.createObjectNode();
                out.set("run", run(id));
                return Answer.ok(out);
            }
            case "getRun" -> {
                String id = r.get("run_id").asText();
                if (!runInfos.containsKey(id)) {
                    return notFound("Run '" + id + "'");
                }
                ObjectNode out = M.createObjectNode();
                out.set("run", run(id));
                return Answer.ok(out);
            }
            case "logBatch" -> {
                String id = r.get("run_id").asText();
                if (!runInfos.containsKey(id)) {
                    return notFound("Run '" + id + "'");
                }
                for (JsonNode p : r.path("params")) {
                    String old = runParams.get(id).putIfAbsent(p.get("key").asText(), p.get("value").asText());
                    if (old != null && !old.equals(p.get("value").asText())) {
                        return new Answer(400, error("INVALID_PARAMETER_VALUE", "Changing param values is not allowed"));
                    }
                }
                r.path("tags").forEach(t -> runTags.get(id).put(t.get("key").asText(), t.get("value").asText()));
                r.path("metrics").forEach(m -> runMetrics.get(id).add((ObjectNode) m));
                return Answer.ok(M.createObjectNode());
            }
            case "updateRun" -> {
                String id = r.get("run_id").asText();
                ObjectNode info = runInfos.get(id);
                if (info == null) {
                    return notFound("Run '" + id + "'");
                }
                if (r.has("status")) {
                    info.put("status", r.get("status").asText());
                }
                if (r.has("end_time")) {
                    info.put("end_time", r.get("end_time").asLong());
                }
                ObjectNode out = M.createObjectNode();
                out.set("run_info", info);
                return Answer.ok(out);
            }
            case "getRegisteredModel" -> {
                String name = r.get("name").asText();
                if (!models.containsKey(name)) {
                    return notFound("Registered Model with name=" + name);
                }
                ObjectNode out = M.createObjectNode();
                out.set("registered_model", modelJson(name));
                return Answer.ok(out);
            }
            case "createRegisteredModel" -> {
                String name = r.get("name").asText();
                if (models.containsKey(name)) {
                    return new Answer(400, error("RESOURCE_ALREADY_EXISTS", "Registered Model (name=" + name + ") already exists."));
                }
                long now = System.currentTimeMillis();
                models.put(name, M.createObjectNode().put("name", name).put("creation_timestamp", now)
                        .put("last_updated_timestamp", now));
                versions.put(name, new ArrayList<>());
                aliases.put(name, new TreeMap<>());
                ObjectNode out = M.createObjectNode();
                out.set("registered_model", modelJson(name));
                return Answer.ok(out);
            }
            case "createModelVersion" -> {
                String name = r.get("name").asText();
                if (!models.containsKey(name)) {
                    return notFound("Registered Model with name=" + name);
                }
                long now = System.currentTimeMillis();
                ObjectNode mv = M.createObjectNode().put("name", name)
                        .put("version", Integer.toString(versions.get(name).size() + 1))
                        .put("creation_timestamp", now).put("last_updated_timestamp", now)
                        .put("current_stage", "None").put("source", r.get("source").asText())
                        .put("run_id", r.path("run_id").asText("")).put("status", "READY");
                mv.set("tags", r.has("tags") ? r.get("tags").deepCopy() : M.createArrayNode());
                versions.get(name).add(mv);
                ObjectNode out = M.createObjectNode();
                out.set("model_version", versionJson(mv));
                return Answer.ok(out);
            }
            case "getModelVersion" -> {
                ObjectNode mv = findVersion(r.get("name").asText(), r.get("version").asText());
                if (mv == null) {
                    return notFound("Model Version");
                }
                ObjectNode out = M.createObjectNode();
                out.set("model_version", versionJson(mv));
                return Answer.ok(out);
            }
            case "setRegisteredModelAlias" -> {
                String name = r.get("name").asText();
                if (findVersion(name, r.get("version").asText()) == null) {
                    return notFound("Model Version");
                }
                aliases.get(name).put(r.get("alias").asText(), r.get("version").asText());
                return Answer.ok(M.createObjectNode());
            }
            case "getModelVersionByAlias" -> {
                String name = r.get("name").asText();
                String v = aliases.getOrDefault(name, Map.of()).get(r.get("alias").asText());
                if (v == null) {
                    return notFound("Registered model alias " + r.get("alias").asText());
                }
                ObjectNode out = M.createObjectNode();
                out.set("model_version", versionJson(findVersion(name, v)));
                return Answer.ok(out);
            }
            case "setModelVersionTag" -> {
                ObjectNode mv = findVersion(r.get("name").asText(), r.get("version").asText());
                if (mv == null) {
                    return notFound("Model Version");
                }
                ArrayNode tags = (ArrayNode) mv.get("tags");
                for (int i = tags.size() - 1; i >= 0; i--) {
                    if (tags.get(i).get("key").asText().equals(r.get("key").asText())) {
                        tags.remove(i);
                    }
                }
                tags.addObject().put("key", r.get("key").asText()).put("value", r.get("value").asText());
                return Answer.ok(M.createObjectNode());
            }
            case "searchRegisteredModels" -> {
                ObjectNode out = M.createObjectNode();
                ArrayNode list = out.putArray("registered_models");
                models.keySet().forEach(n -> list.add(modelJson(n)));
                return Answer.ok(out);
            }
            case "searchModelVersions" -> {
                // the filters chordflow sends: name='N', optionally "and run_id='R'"
                java.util.regex.Matcher f = java.util.regex.Pattern.compile("name='([^']*)'(?: and run_id='([^']*)')?")
                        .matcher(r.path("filter").asText(""));
                if (!f.matches()) {
                    violations.add("searchModelVersions: filter not understood by the fake server: " + r.path("filter"));
                }
                ObjectNode out = M.createObjectNode();
                ArrayNode list = out.putArray("model_versions");
                versions.getOrDefault(f.group(1), List.of()).forEach(v -> {
                    if (f.group(2) == null || f.group(2).equals(v.path("run_id").asText())) {
                        list.add(versionJson(v));
                    }
                });
                return Answer.ok(out);
            }
            case "searchRuns" -> {
                // the filter chordflow sends: tags.`KEY` = 'VALUE'
                java.util.regex.Matcher f = java.util.regex.Pattern.compile("tags\\.`([^`]*)` = '([^']*)'")
                        .matcher(r.path("filter").asText(""));
                if (!f.matches()) {
                    violations.add("searchRuns: filter not understood by the fake server: " + r.path("filter"));
                }
                List<String> exps = new ArrayList<>();
                r.path("experiment_ids").forEach(e -> exps.add(e.asText()));
                ObjectNode out = M.createObjectNode();
                ArrayNode list = out.putArray("runs");
                runInfos.forEach((id, info) -> {
                    if (exps.contains(info.get("experiment_id").asText()) && f.group(2).equals(runTags.get(id).get(f.group(1)))) {
                        list.add(run(id));
                    }
                });
                return Answer.ok(out);
            }
            default -> {
                violations.add(rpc + ": not implemented by the fake server");
                return new Answer(501, error("NOT_IMPLEMENTED", rpc));
            }
        }
    }
}
