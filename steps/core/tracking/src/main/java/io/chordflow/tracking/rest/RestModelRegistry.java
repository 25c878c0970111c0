package io.chordflow.tracking.rest;

import static io.chordflow.tracking.rest.RestTracker.enc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.RegisteredModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * The registry of an MLflow server. The Java client's typed registry methods are read-only, so
 * writes use its {@code sendPost}/{@code sendGet} on the REST paths of model_registry.proto:
 * registered-models/get|create|search|alias, model-versions/create|get|search|set-tag.
 */
final class RestModelRegistry implements ModelRegistry {
    private static final String NOT_FOUND = "RESOURCE_DOES_NOT_EXIST";

    private final MlflowClient client;

    RestModelRegistry(MlflowClient client) {
        this.client = client;
    }

    private JsonNode post(String path, ObjectNode body) {
        try {
            return Json.MAPPER.readTree(client.sendPost(path, Json.MAPPER.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(String pathAndQuery) {
        try {
            return Json.MAPPER.readTree(client.sendGet(pathAndQuery));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean notFound(MlflowHttpException e) {
        return e.getStatusCode() == 404 || (e.getBodyMessage() != null && e.getBodyMessage().contains(NOT_FOUND));
    }

    @Override
    public ModelVersion register(String name, String source, String runId, Map<String, String> tags) {
        ensureModel(name);
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("source", source);
        if (runId != null) {
            body.put("run_id", runId);
        }
        var tagArray = body.putArray("tags");
        new TreeMap<>(tags).forEach((k, v) -> tagArray.addObject().put("key", k).put("value", v));
        JsonNode mv = post("model-versions/create", body).get("model_version");
        return toVersion(mv);
    }

    /**
     * A buffered registration's replay: the version of {@code runId} tagged {@link Tags#OFFLINE_ID}
     * {@code key} if an earlier replay created it (and died before noting so), else a new one.
     */
    ModelVersion registerOnce(String name, String source, String runId, Map<String, String> tags, String key) {
        ensureModel(name);
        String filter = "name='" + quote(name) + "'" + (runId == null ? "" : " and run_id='" + quote(runId) + "'");
        for (ModelVersion v : search(filter)) {
            if (key.equals(v.tags().get(Tags.OFFLINE_ID))) {
                return v;
            }
        }
        Map<String, String> keyed = new TreeMap<>(tags);
        keyed.put(Tags.OFFLINE_ID, key);
        return register(name, source, runId, keyed);
    }

    private void ensureModel(String name) {
        try {
            get("registered-models/get?name=" + enc(name));
        } catch (MlflowHttpException e) {
            if (!notFound(e)) {
                throw e;
            }
            try {
                post("registered-models/create", Json.MAPPER.createObjectNode().put("name", name));
            } catch (MlflowHttpException race) { // another process created it in between
                if (race.getBodyMessage() == null || !race.getBodyMessage().contains("RESOURCE_ALREADY_EXISTS")) {
                    throw race;
                }
            }
        }
    }

    private static String quote(String s) {
        return s.replace("'", "\\'");
    }

    static ModelVersion toVersion(JsonNode mv) {
        Map<String, String> tags = new TreeMap<>();
        for (JsonNode t : mv.path("tags")) {
            tags.put(t.get("key").asText(), t.path("value").asText(""));
        }
        List<String> aliases = new ArrayList<>();
        mv.path("aliases").forEach(a -> aliases.add(a.asText()));
        return new ModelVersion(mv.get("name").asText(), mv.get("version").asText(), mv.path("source").asText(null),
                mv.path("run_id").asText(null), tags, aliases, mv.path("creation_timestamp").asLong());
    }

    @Override
    public void setAlias(String name, String alias, String version) {
        post("registered-models/alias", Json.MAPPER.createObjectNode().put("name", name).put("alias", alias)
                .put("version", version));
    }

    @Override
    public Optional<ModelVersion> byAlias(String name, String alias) {
        try {
            return Optional.of(toVersion(get("registered-models/alias?name=" + enc(name) + "&alias=" + enc(alias))
                    .get("model_version")));
        } catch (MlflowHttpException e) {
            // SQL stores answer 404 RESOURCE_DOES_NOT_EXIST, file stores 400 INVALID_PARAMETER_VALUE "not found"
            if (notFound(e) || (e.getBodyMessage() != null && e.getBodyMessage().contains("not found"))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public ModelVersion version(String name, String version) {
        try {
            return toVersion(get("model-versions/get?name=" + enc(name) + "&version=" + enc(version)).get("model_version"));
        } catch (MlflowHttpException e) {
            if (notFound(e)) {
                throw new InputException("model " + name + " version " + version + ": not found on the MLflow server");
            }
            throw e;
        }
    }

    @Override
    public void setVersionTag(String name, String version, String key, String value) {
        post("model-versions/set-tag", Json.MAPPER.createObjectNode().put("name", name).put("version", version)
                .put("key", key).put("value", value));
    }

    @Override
    public List<RegisteredModel> list() {
        List<RegisteredModel> out = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = get("registered-models/search?max_results=1000"
                    + (token == null ? "" : "&page_token=" + enc(token)));
            for (JsonNode rm : page.path("registered_models")) {
                String name = rm.get("name").asText();
                Map<String, String> aliases = new TreeMap<>();
                rm.path("aliases").forEach(a -> aliases.put(a.get("alias").asText(), a.get("version").asText()));
                out.add(new RegisteredModel(name, aliases, versions(name)));
            }
            token = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
        } while (token != null && !token.isEmpty());
        return out;
    }

    private List<ModelVersion> versions(String name) {
        return search("name='" + quote(name) + "'");
    }

    private List<ModelVersion> search(String filter) {
        List<ModelVersion> out = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = get("model-versions/search?filter=" + enc(filter)
                    + "&max_results=10000" + (token == null ? "" : "&page_token=" + enc(token)));
            page.path("model_versions").forEach(mv -> out.add(toVersion(mv)));
            token = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
        } while (token != null && !token.isEmpty());
        return out;
    }
}
