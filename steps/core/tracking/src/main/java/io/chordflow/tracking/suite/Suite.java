package io.chordflow.tracking.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.storage.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation suite: a named set of evaluation data (one or more splits, each a features
 * folder and a labels folder), identified by the content hash of that data so that two scores
 * are compared only when they were measured on the same songs and the same references.
 *
 * <p>Hash: {@code sha256} of, for each split in name order, the lines {@code split NAME},
 * {@code features}, then {@code PATH SHA256} per file of the features folder, {@code labels} and
 * the same for the labels folder; the per-file list is storage's {@link Manifest} (commit
 * markers excluded, so a published copy and a local copy hash the same). The split's URIs are
 * kept with the suite so that another model can be evaluated on the same data later.
 */
public record Suite(String name, String hash, List<Split> splits) {
    /** One split: where its features and labels were read from (URIs as the evaluation was given them). */
    public record Split(String name, String features, String labels) {
    }

    /** A split's data on this machine, for hashing. */
    public record SplitData(Split split, Path featuresDir, Path labelsDir) {
    }

    public Suite {
        if (name == null || name.isBlank()) {
            throw new InputException("evaluation suite: empty name");
        }
        splits = List.copyOf(splits);
    }

    public static Suite of(String name, List<SplitData> data) {
        List<SplitData> sorted = new ArrayList<>(data);
        sorted.sort(Comparator.comparing(d -> d.split().name()));
        StringBuilder sb = new StringBuilder();
        for (SplitData d : sorted) {
            sb.append("split ").append(d.split().name()).append('\n');
            sb.append("features\n");
            lines(d.featuresDir(), sb);
            sb.append("labels\n");
            lines(d.labelsDir(), sb);
        }
        return new Suite(name, Hashes.sha256(sb.toString()), sorted.stream().map(SplitData::split).toList());
    }

    private static void lines(Path dir, StringBuilder sb) {
        try {
            for (Manifest.Entry e : Manifest.of(dir).files()) {
                sb.append(e.path()).append(' ').append(e.sha256()).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first 16 hex digits: enough to tell suites apart in tag keys and tables. */
    public String shortHash() {
        return hash.substring(0, Math.min(16, hash.length()));
    }

    /**
     * The default suite name of a split: the split folder's name, i.e. the labels folder's name,
     * or its parent's when the folder is the split's {@code labels}/{@code keys} subfolder.
     */
    public static String defaultName(String labelsLocation) {
        String[] parts = labelsLocation.replace('\\', '/').replaceAll("/+$", "").split("/");
        String last = parts[parts.length - 1];
        if ((last.equals("labels") || last.equals("keys")) && parts.length > 1) {
            return parts[parts.length - 2];
        }
        return last;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("hash", hash);
        List<Map<String, String>> s = new ArrayList<>();
        for (Split sp : splits) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("name", sp.name());
            row.put("features", sp.features());
            row.put("labels", sp.labels());
            s.add(row);
        }
        m.put("splits", s);
        return m;
    }

    /** As an evaluation report records it. */
    public EvaluationReport.Suite ref() {
        return new EvaluationReport.Suite(name, hash, splits.stream()
                .map(s -> new EvaluationReport.Suite.Split(s.name(), s.features(), s.labels())).toList());
    }

    /** The suite an evaluation report names; {@code where} (the report's file) is named when it has none or no split. */
    public static Suite of(EvaluationReport.Suite ref, String where) {
        if (ref == null) {
            throw new InputException(where + ": field suite missing (evaluate it again with this version of chordflow)");
        }
        if (ref.splits().isEmpty()) {
            throw new InputException(where + ": field suite.splits: no split");
        }
        return new Suite(ref.name(), ref.hash(), ref.splits().stream().map(s -> new Split(s.name(), s.features(), s.labels())).toList());
    }

    /** Reads {@link #toMap()}'s shape; errors name {@code where} and the field. */
    public static Suite fromJson(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new InputException(where + ": field suite missing (evaluate it again with this version of chordflow)");
        }
        String name = text(n, "name", where);
        String hash = text(n, "hash", where);
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new InputException(where + ": field suite.hash: expected 64 hex digits, got '" + hash + "'");
        }
        List<Split> splits = new ArrayList<>();
        for (JsonNode s : n.path("splits")) {
            splits.add(new Split(text(s, "name", where), text(s, "features", where), text(s, "labels", where)));
        }
        if (splits.isEmpty()) {
            throw new InputException(where + ": field suite.splits: no split");
        }
        return new Suite(name, hash, splits);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InputException(where + ": field suite." + field + " missing or not a string");
        }
        return v.asText();
    }
}
