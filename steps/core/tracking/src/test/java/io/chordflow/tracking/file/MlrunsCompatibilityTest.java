package io.chordflow.tracking.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.io.Json;
import io.chordflow.tracking.Metric;
import io.chordflow.tracking.RunInfo;
import io.chordflow.tracking.RunSpec;
import io.chordflow.tracking.RunStatus;
import io.chordflow.tracking.registry.ModelRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The file store as MLflow and PyYAML read it, in {@code make test}: the checks of
 * {@code src/test/python/check_mlruns.py} ported to Java, plus PyYAML's own bytes as golden files.
 * <ul>
 * <li>{@link #metaYamlIsPyYamlsDumpOfTheSameData}: for dicts shaped like every kind of meta.yaml, with the values
 *     chordflow writes, {@link MlflowYaml} writes the bytes that MLflow's {@code write_yaml} (PyYAML 6.0
 *     {@code safe_dump}, block style, sorted keys) wrote for them ({@code src/test/python/make_yaml_goldens.py} made
 *     {@code pyyaml-golden/meta-yaml.json}); for odd strings (YAML keywords, numbers, quotes, unicode, tabs, over
 *     80 characters) its output may be a single-quoted scalar where PyYAML's is not, holding exactly the string.</li>
 * <li>{@link #aFileStoreWrittenByChordflowPassesMlflowsChecks}: a store written by {@link FileStoreTracker} and its
 *     registry: every meta.yaml loads with a YAML 1.1 safe loader (SnakeYAML, as PyYAML's {@code safe_load}) and
 *     re-dumps to the same bytes; key sets and value types as mlflow/store/tracking/file_store.py and
 *     mlflow/store/model_registry/file_store.py write them; metric lines parse as
 *     {@code FileStore._get_metric_from_line}.</li>
 * </ul>
 */
class MlrunsCompatibilityTest {
    static final Set<String> EXPERIMENT_KEYS = Set.of("artifact_location", "creation_time", "experiment_id", "last_update_time",
            "lifecycle_stage", "name");
    static final Set<String> RUN_KEYS = Set.of("artifact_uri", "end_time", "entry_point_name", "experiment_id", "lifecycle_stage",
            "run_id", "run_name", "run_uuid", "source_name", "source_type", "source_version", "start_time", "status", "tags", "user_id");
    static final Set<String> MODEL_KEYS = Set.of("aliases", "creation_timestamp", "description", "last_updated_timestamp", "name");
    static final Set<String> VERSION_KEYS = Set.of("aliases", "creation_timestamp", "current_stage", "description",
            "last_updated_timestamp", "name", "run_id", "run_link", "source", "status", "status_message", "storage_location",
            "user_id", "version");

    @TempDir
    Path tmp;

    static Map<String, Object> load(String text) {
        Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        return m;
    }

    /** Names of the kind chordflow writes (workflow and step names, MLflow's default experiment, registered models). */
    static final Set<String> CHORDFLOW_NAMES = Set.of("train", "kd-finetune", "btc-kd-20261201-1205", "teacher-inference-0",
            "evaluate stage2", "btc model (v2)", "Default", "btc-student", "2e1d");

    @Test
    void metaYamlIsPyYamlsDumpOfTheSameData() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/pyyaml-golden/meta-yaml.json")) {
            golden = Json.MAPPER.readTree(in);
        }
        List<String> differ = new ArrayList<>();
        int exact = 0;
        for (JsonNode c : golden.get("cases")) {
            JsonNode data = c.get("data");
            String name = data.has("run_name") ? data.get("run_name").asText() : data.get("name").asText();
            String ours = MlflowYaml.render(Json.MAPPER.convertValue(data, LinkedHashMap.class));
            String pyyaml = c.get("yaml").asText();
            if (CHORDFLOW_NAMES.contains(name)) {
                assertEquals(pyyaml, ours, c.get("kind").asText() + " " + name + ": PyYAML's bytes");
                exact++;
            } else if (!ours.equals(pyyaml)) {
                // an odd string that MlflowYaml single-quotes where PyYAML writes it plain, double-quoted or folded: the
                // single-quoted scalar must hold exactly the string (YAML's only escape there is '' for ')
                differ.add(name);
                for (String line : ours.split("\n")) {
                    int colon = line.indexOf(": ");
                    if (colon < 0 || !data.has(line.substring(0, colon)) || pyyaml.contains(line + "\n")) {
                        continue;
                    }
                    String key = line.substring(0, colon);
                    String v = line.substring(colon + 2);
                    assertTrue(v.length() >= 2 && v.startsWith("'") && v.endsWith("'"), name + ": " + line + " (PyYAML:\n" + pyyaml + ")");
                    assertEquals(data.get(key).asText(), v.substring(1, v.length() - 1).replace("''", "'"), name + ": " + key);
                }
            }
        }
        assertTrue(exact >= 10, "cases checked byte for byte: " + exact);
        System.out.println("meta.yaml vs PyYAML: " + exact + " cases with chordflow's names byte for byte; quoted where PyYAML"
                + " is not (same value): " + new java.util.TreeSet<>(differ));
    }

    @Test
    void aFileStoreWrittenByChordflowPassesMlflowsChecks() throws Exception {
        Path root = tmp.resolve("mlruns");
        FileStoreTracker t = new FileStoreTracker(root);
        RunInfo parent = t.startRun(new RunSpec("chordflow", "btc-kd-20261201-1205", null, Map.of()));
        for (String step : List.of("train", "kd-finetune", "evaluate")) {
            RunInfo child = t.startRun(new RunSpec("chordflow", step, parent.runId(), Map.of("chordflow.step", step)));
            t.logBatch(child.runId(), List.of(new Metric("loss", 0.5, 1, 0), new Metric("val/majmin", 1e-5, 2, 1),
                    new Metric("nan", Double.NaN, 3, 2)), Map.of("lr", "0.001"), Map.of());
            t.endRun(child.runId(), step.equals("evaluate") ? RunStatus.FAILED : RunStatus.FINISHED);
        }
        ModelRegistry reg = t.registry();
        reg.register("btc-student", root.resolve("../models/a").toUri().toString(), parent.runId(), Map.of("metric.mirex", "0.8"));
        reg.register("btc-student", "s3://chordflow/models/b", null, Map.of());
        reg.setAlias("btc-student", ModelRegistry.CHALLENGER, "2");
        reg.setAlias("btc-student", "champion", "1");

        int checked = 0;
        int metricFiles = 0;
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String[] rel = root.relativize(f.getParent()).toString().split("/");
            if (f.getFileName().toString().equals("meta.yaml")) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Map<String, Object> meta = load(text);
                assertEquals(text, MlflowYaml.render(meta), f + ": re-dumps to the same bytes");
                checked++;
                if (rel[0].equals("models")) {
                    boolean version = rel[rel.length - 1].startsWith("version-");
                    assertEquals(version ? VERSION_KEYS : MODEL_KEYS, meta.keySet(), f.toString());
                    if (version) {
                        assertTrue(meta.get("version") instanceof Integer && meta.get("status").equals("READY"), f.toString());
                        assertEquals("None", meta.get("current_stage"), f.toString());
                    }
                } else if (rel.length == 1) {
                    assertEquals(EXPERIMENT_KEYS, meta.keySet(), f.toString());
                    assertTrue(meta.get("experiment_id") instanceof String && meta.get("experiment_id").equals(rel[0]), f.toString());
                    assertTrue(((String) meta.get("artifact_location")).startsWith("file:///"), f.toString());
                } else if (rel.length == 2) {
                    Set<String> extra = new java.util.HashSet<>(meta.keySet());
                    extra.removeAll(RUN_KEYS);
                    assertTrue(Set.of("deleted_time").containsAll(extra) && meta.keySet().containsAll(RUN_KEYS), f + ": " + meta.keySet());
                    assertTrue(meta.get("run_id").equals(rel[1]) && meta.get("run_uuid").equals(rel[1])
                            && meta.get("experiment_id").equals(rel[0]), f.toString());
                    assertTrue(meta.get("status") instanceof Integer s && s >= 1 && s <= 5, f.toString());
                    assertEquals(4, meta.get("source_type"), f.toString());
                    assertEquals(List.of(), meta.get("tags"), f.toString());
                    assertEquals("active", meta.get("lifecycle_stage"), f.toString());
                    assertTrue(((String) meta.get("artifact_uri")).endsWith("/" + rel[0] + "/" + rel[1] + "/artifacts"), f.toString());
                }
            }
            if (rel.length >= 3 && !rel[0].equals("models") && rel[2].equals("metrics")) {
                metricFiles++;
                for (String line : Files.readAllLines(f)) {
                    String[] parts = line.strip().split(" ");
                    assertTrue(parts.length == 2 || parts.length == 3, f + ": " + line);
                    Long.parseLong(parts[0]);
                    pythonFloat(parts[1]);
                    if (parts.length == 3) {
                        Long.parseLong(parts[2]);
                    }
                }
            }
        }
        // experiments 0 and chordflow, 4 runs, 1 registered model with 2 versions
        assertEquals(2 + 4 + 1 + 2, checked, "meta.yaml files checked");
        assertEquals(9, metricFiles, "metric files checked");
    }

    /** Python's float(): also nan, inf, -inf. */
    static double pythonFloat(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
