package io.chordflow.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the evaluate step measured, as {@code metrics.json} carries it: the one shape that the
 * evaluate step writes and compare, gate, rounds-report, register and promotion read.
 *
 * <pre>
 * {schema_version: 2, name, task: chords|key, suite: {name, hash, splits: [{name, features, labels}]},
 *  songs_skipped: [ID], total: {METRIC: number}, mean: {METRIC: number}, paper_mean: number,
 *  per_quality: {QUALITY: {duration, share, METRIC: number|null}}, songs: {ID: {[reference, estimate,] METRIC: number}}}
 * </pre>
 *
 * {@code total} holds the duration-weighted scores (chords: mir_eval's 15; keys:
 * {@code weighted_score}, {@code mirex_weighted_score}, {@code accuracy}, means over songs);
 * {@code mean}, {@code paper_mean} and {@code per_quality} are for chord models only; a key
 * song has its {@code reference} and {@code estimate} key. Only {@code total} is required.
 *
 * <p>Versions: 1 is the same shape without {@code schema_version} (every {@code metrics.json}
 * written before the field existed, so cached evaluations keep working); 2 adds the field.
 * A newer version is rejected, as is any field not listed here (named, with the nearest known one).
 */
@JsonPropertyOrder({"schema_version", "name", "task", "suite", "songs_skipped", "total", "mean", "paper_mean", "per_quality", "songs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationReport(Integer schemaVersion, String name, String task, Suite suite, List<String> songsSkipped,
                               Map<String, Double> total,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> mean, Double paperMean,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Quality> perQuality,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Song> songs) {
    public static final int SCHEMA_VERSION = 2;
    /** The version of a report without {@code schema_version}: the unversioned shape, otherwise the same. */
    public static final int UNVERSIONED = 1;
    public static final String FILE_NAME = "metrics.json";
    public static final String CHORDS = "chords";
    public static final String KEY = "key";

    private static final ObjectWriter WRITER = Contract.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    /** Where the scores were measured: the evaluation suite's name, content hash and data (see tracking's {@code Suite}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suite(String name, String hash, List<Split> splits) {
        public record Split(String name, String features, String labels) {
        }

        public Suite {
            FieldError.check(name != null && !name.isBlank(), "name", "missing value");
            FieldError.check(hash != null && hash.matches("[0-9a-f]{64}"), "hash", "expected 64 hex digits, got '" + hash + "'");
            splits = splits == null ? List.of() : List.copyOf(splits);
        }
    }

    /** Accuracy on one reference quality: its seconds, its share of all seconds, and per metric (null: never counted). */
    public record Quality(double duration, double share, Map<String, Double> accuracy) {
        public Quality {
            accuracy = Collections.unmodifiableMap(new LinkedHashMap<>(accuracy));
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Quality fromJson(Map<String, Object> fields) {
            Map<String, Object> rest = new LinkedHashMap<>(fields);
            double duration = number(rest.remove("duration"), "duration");
            double share = number(rest.remove("share"), "share");
            return new Quality(duration, share, metrics(rest, true));
        }

        /** The flat shape on disk: {@code {duration, share, METRIC: accuracy...}}. */
        @JsonValue
        Map<String, Object> toJson() {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("duration", duration);
            head.put("share", share);
            return flat(head, accuracy);
        }
    }

    /** One song's scores; a key song also has its {@code reference} and {@code estimate} key. */
    public record Song(String reference, String estimate, Map<String, Double> scores) {
        public Song {
            scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        }

        public static Song of(Map<String, Double> scores) {
            return new Song(null, null, scores);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Song fromJson(Map<String, Object> fields) {
            Map<String, Object> rest = new LinkedHashMap<>(fields);
            // arguments run left to right: the keys are taken out before the rest is read as scores
            return new Song(text(rest.remove("reference"), "reference"), text(rest.remove("estimate"), "estimate"),
                    metrics(rest, false));
        }

        /** The flat shape on disk: {@code {[reference, estimate,] METRIC: score...}} (a chord song has no keys). */
        @JsonValue
        Map<String, Object> toJson() {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("reference", reference);
            head.put("estimate", estimate);
            head.values().removeIf(java.util.Objects::isNull);
            return flat(head, scores);
        }
    }

    public EvaluationReport {
        schemaVersion = schemaVersion == null ? UNVERSIONED : schemaVersion;
        FieldError.check(schemaVersion >= UNVERSIONED && schemaVersion <= SCHEMA_VERSION, "schema_version",
                schemaVersion + " is not a version this chordflow reads (" + UNVERSIONED + " to " + SCHEMA_VERSION
                        + "; written by a newer chordflow?)");
        task = task == null ? CHORDS : task;
        FieldError.check(task.equals(CHORDS) || task.equals(KEY), "task", "'" + task + "': expected " + CHORDS + " or " + KEY);
        FieldError.check(total != null, "total", "missing (the scores over all songs: an object of metric name -> number)");
        FieldError.check(!total.isEmpty(), "total", "no metrics");
        total.forEach((k, v) -> FieldError.check(v != null, "total." + k, "missing value"));
        total = Collections.unmodifiableMap(new LinkedHashMap<>(total));
        songsSkipped = songsSkipped == null ? List.of() : List.copyOf(songsSkipped);
        mean = mean == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mean));
        perQuality = perQuality == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(perQuality));
        songs = songs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(songs));
        for (Map.Entry<String, Quality> q : perQuality.entrySet()) {
            for (String metric : q.getValue().accuracy().keySet()) {
                FieldError.check(total.containsKey(metric), "per_quality." + q.getKey() + "." + metric,
                        "not a metric of total " + total.keySet());
            }
        }
    }

    /** A report of the current version. */
    public static EvaluationReport of(String name, String task, Suite suite, List<String> songsSkipped, Map<String, Double> total,
                                      Map<String, Double> mean, Double paperMean, Map<String, Quality> perQuality,
                                      Map<String, Song> songs) {
        return new EvaluationReport(SCHEMA_VERSION, name, task, suite, songsSkipped, total, mean, paperMean, perQuality, songs);
    }

    /**
     * A number of the report by its path: {@code total.METRIC}, {@code mean.METRIC}, {@code paper_mean},
     * or a bare {@code METRIC} for {@code total.METRIC}; {@code where} (the file) is named when it is absent.
     */
    public double value(String path, String where) {
        String p = path.contains(".") || path.equals("paper_mean") ? path : "total." + path;
        Double v = p.equals("paper_mean") ? paperMean
                : p.startsWith("total.") ? total.get(p.substring(6))
                : p.startsWith("mean.") ? mean.get(p.substring(5)) : null;
        if (v == null) {
            throw new InputException(where + ": field " + p + ": missing (total has " + total.keySet() + ")");
        }
        return v;
    }

    /** Accuracy of {@code metric} on reference quality {@code quality}; NaN when absent or never counted. */
    public double qualityAccuracy(String quality, String metric) {
        Quality q = perQuality.get(quality);
        Double v = q == null ? null : q.accuracy().get(metric);
        return v == null ? Double.NaN : v;
    }

    /** The report as {@code metrics.json}'s bytes (indented, fields in the documented order). */
    public byte[] toJson() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code folder/metrics.json} atomically. */
    public void write(Path folder) throws IOException {
        AtomicFiles.write(folder.resolve(FILE_NAME), toJson());
    }

    /** Reads a {@code metrics.json}; errors are one line naming the file and the field. */
    public static EvaluationReport read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such file");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** {@code bytes} of a {@code metrics.json} read from {@code where} (a path or URI, named in errors). */
    public static EvaluationReport parse(byte[] bytes, String where) {
        JsonNode tree;
        try {
            tree = Contract.MAPPER.readTree(bytes);
        } catch (IOException e) {
            String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InputException(where + ": not valid JSON: " + (m == null ? "" : m.lines().findFirst().orElse("")), e);
        }
        return fromTree(tree, where);
    }

    /** A parsed {@code metrics.json} document read from {@code where}. */
    public static EvaluationReport fromTree(JsonNode tree, String where) {
        if (tree == null || !tree.isObject()) {
            throw new InputException(where + ": expected a JSON object (an evaluation report: the evaluate step's metrics.json)");
        }
        JsonNode total = tree.get("total");
        if (total == null) {
            throw new InputException(where + ": field total: missing (an evaluation report has the scores over all songs"
                    + " in total: an object of metric name -> number)");
        }
        if (!total.isObject()) {
            throw new InputException(where + ": field total: expected an object of metric name -> number");
        }
        try {
            return Contract.MAPPER.treeToValue(tree, EvaluationReport.class);
        } catch (FieldError e) {
            throw new InputException(where + ": " + e.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new InputException(where + ": " + Contract.error(e).getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InputException(where + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException m) {
                throw new InputException(where + ": " + Contract.error(m).getMessage(), e);
            }
            throw e;
        }
    }

    /** A flat row's remaining fields as metric -> number; {@code nullable}: null kept (a metric never counted). */
    private static Map<String, Double> metrics(Map<String, Object> rest, boolean nullable) {
        Map<String, Double> out = new LinkedHashMap<>();
        rest.forEach((k, v) -> out.put(k, v == null && nullable ? null : number(v, k)));
        return out;
    }

    /** A flat row on disk: its named fields, then one field per metric. */
    private static Map<String, Object> flat(Map<String, Object> head, Map<String, Double> metrics) {
        head.putAll(metrics);
        return head;
    }

    private static double number(Object v, String field) {
        if (!(v instanceof Number n)) {
            throw new FieldError(field, v == null ? "missing value" : "expected a number, got '" + v + "'");
        }
        return n.doubleValue();
    }

    private static String text(Object v, String field) {
        if (v != null && !(v instanceof String)) {
            throw new FieldError(field, "expected a string, got '" + v + "'");
        }
        return (String) v;
    }
}
