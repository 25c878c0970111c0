package io.chordflow.tracking.file;

import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.tracking.Names;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.RegisteredModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * MLflow's file model registry, as {@code mlflow/store/model_registry/file_store.py} writes it
 * (read at mlflow/mlflow commit 001cc178a1442b488da41853c497adc5285a284d):
 * <pre>
 * mlruns/models/&lt;name&gt;/meta.yaml              aliases ({alias: 'version'}), creation_timestamp, description,
 *                                              last_updated_timestamp, name  (dict(RegisteredModel) minus
 *                                              tags and latest_versions)
 * mlruns/models/&lt;name&gt;/tags/&lt;key&gt;             registered-model tags
 * mlruns/models/&lt;name&gt;/aliases/&lt;alias&gt;         the version number as text
 * mlruns/models/&lt;name&gt;/version-&lt;n&gt;/meta.yaml  aliases ([]), creation_timestamp, current_stage ('None'),
 *                                              description, last_updated_timestamp, name, run_id, run_link,
 *                                              source, status (READY), status_message, storage_location,
 *                                              user_id, version (int)
 * mlruns/models/&lt;name&gt;/version-&lt;n&gt;/tags/&lt;key&gt;   model-version tags
 * </pre>
 * Every change rewrites the model's meta.yaml with a new last_updated_timestamp (as
 * {@code _update_registered_model_last_updated_time} does).
 */
public final class FileModelRegistry implements ModelRegistry {
    static final String MODELS = "models";
    private static final String META = "meta.yaml";

    private final Path models;
    private final Clock clock;

    public FileModelRegistry(Path root, Clock clock) {
        this.models = root.resolve(MODELS);
        this.clock = clock;
        try {
            Files.createDirectories(models);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path modelDir(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("%")
                || name.equals(".") || name.equals("..")) {
            throw new InputException("registered model name '" + name + "': must be non-empty without '/', '\\' or '%'");
        }
        return models.resolve(name);
    }

    private Path versionDir(String name, String version) {
        if (version == null || !version.matches("[1-9][0-9]*")) {
            throw new InputException("model " + name + ": version '" + version + "' is not a positive integer");
        }
        return modelDir(name).resolve("version-" + version);
    }

    private static void writeText(Path file, String value) throws IOException {
        AtomicFiles.write(file, value.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> readDir(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String n = p.getFileName().toString();
                    if (!n.startsWith(".")) {
                        out.put(n, Files.readString(p));
                    }
                }
            }
        }
        return out;
    }

    /** Rewrites the model's meta.yaml: aliases from the aliases folder, a fresh last_updated_timestamp. */
    private void touchModel(String name, Long creation) throws IOException {
        Path dir = modelDir(name);
        Map<String, Object> meta = new LinkedHashMap<>();
        long now = clock.millis();
        Object created = creation;
        String description = null;
        if (creation == null) {
            Map<String, Object> old = MlflowYaml.read(dir.resolve(META));
            created = old.get("creation_timestamp");
            description = (String) old.get("description");
        }
        meta.put("aliases", new TreeMap<>(readDir(dir.resolve("aliases"))));
        meta.put("creation_timestamp", created);
        meta.put("description", description);
        meta.put("last_updated_timestamp", now);
        meta.put("name", name);
        MlflowYaml.write(dir.resolve(META), meta);
    }

    private List<String> versionNumbers(String name) throws IOException {
        Path dir = modelDir(name);
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.matches("version-[1-9][0-9]*"))
                        .filter(n -> Files.isRegularFile(dir.resolve(n).resolve(META)))
                        .map(n -> n.substring("version-".length()))
                        .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                        .forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public synchronized ModelVersion register(String name, String source, String runId, Map<String, String> tags) {
        Path dir = modelDir(name);
        try {
            if (!Files.isRegularFile(dir.resolve(META))) {
                Files.createDirectories(dir);
                touchModel(name, clock.millis());
            }
            List<String> existing = versionNumbers(name);
            int next = existing.isEmpty() ? 1 : Integer.parseInt(existing.get(existing.size() - 1)) + 1;
            String version = Integer.toString(next);
            Path vdir = dir.resolve("version-" + version);
            Files.createDirectories(vdir);
            long now = clock.millis();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("aliases", List.of());
            meta.put("creation_timestamp", now);
            meta.put("current_stage", "None"); // STAGE_NONE
            meta.put("description", null);
            meta.put("last_updated_timestamp", now);
            meta.put("name", name);
            meta.put("run_id", runId);
            meta.put("run_link", null);
            meta.put("source", source);
            meta.put("status", "READY");
            meta.put("status_message", null);
            meta.put("storage_location", source);
            meta.put("user_id", null);
            meta.put("version", next);
            MlflowYaml.write(vdir.resolve(META), meta);
            for (Map.Entry<String, String> t : new TreeMap<>(tags).entrySet()) {
                writeText(vdir.resolve("tags").resolve(Names.check("tag", t.getKey())), t.getValue());
            }
            touchModel(name, null);
            return version(name, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void setAlias(String name, String alias, String version) {
        version(name, version); // must exist
        if (alias == null || !alias.matches("[\\w\\-]+") || alias.equalsIgnoreCase("latest")
                || alias.matches("v[0-9]+")) {
            throw new InputException("alias '" + alias + "': letters, digits, '_' and '-' only, not 'latest' or v<N>");
        }
        try {
            writeText(modelDir(name).resolve("aliases").resolve(alias), version);
            touchModel(name, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Optional<ModelVersion> byAlias(String name, String alias) {
        Path file = modelDir(name).resolve("aliases").resolve(alias);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(version(name, Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized ModelVersion version(String name, String version) {
        Path vdir = versionDir(name, version);
        if (!Files.isRegularFile(vdir.resolve(META))) {
            throw new InputException("model " + name + " version " + version + ": not found in " + models);
        }
        try {
            Map<String, Object> meta = MlflowYaml.read(vdir.resolve(META));
            if ("Deleted_Internal".equals(meta.get("current_stage"))) {
                throw new InputException("model " + name + " version " + version + ": deleted");
            }
            Map<String, String> aliases = readDir(modelDir(name).resolve("aliases"));
            List<String> mine = aliases.entrySet().stream().filter(e -> e.getValue().trim().equals(version))
                    .map(Map.Entry::getKey).toList();
            Object source = meta.get("storage_location") != null ? meta.get("storage_location") : meta.get("source");
            return new ModelVersion(name, version, (String) source, (String) meta.get("run_id"),
                    readDir(vdir.resolve("tags")), mine, ((Number) meta.get("creation_timestamp")).longValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void setVersionTag(String name, String version, String key, String value) {
        version(name, version);
        try {
            writeText(versionDir(name, version).resolve("tags").resolve(Names.check("tag", key)), value);
            touchModel(name, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized List<RegisteredModel> list() {
        List<RegisteredModel> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(models)) {
            for (Path dir : s.filter(p -> Files.isRegularFile(p.resolve(META))).sorted().toList()) {
                String name = dir.getFileName().toString();
                List<ModelVersion> versions = new ArrayList<>();
                for (String v : versionNumbers(name)) {
                    versions.add(version(name, v));
                }
                Map<String, String> aliases = new TreeMap<>();
                readDir(dir.resolve("aliases")).forEach((k, v) -> aliases.put(k, v.trim()));
                out.add(new RegisteredModel(name, aliases, versions));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
