package io.chordflow.steps.register;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluate step's metrics.json: a JSON object whose {@code "total"} object (or, failing that,
 * the top level) maps metric names to numbers, e.g. {@code {"total": {"root": 0.81, "mirex": 0.79}}}.
 * Non-numeric entries (per-track breakdowns, counts given as objects) are ignored.
 */
final class MetricsFile {
    private MetricsFile() {
    }

    static Map<String, Double> parse(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InputException(where + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(where + ": expected a JSON object of metric name -> number");
        }
        JsonNode table = root.has("total") ? root.get("total") : root;
        if (!table.isObject()) {
            throw new InputException(where + ": field total: expected an object of metric name -> number");
        }
        Map<String, Double> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        if (out.isEmpty()) {
            throw new InputException(where + ": field " + (root.has("total") ? "total" : "(top level)")
                    + ": no numeric metrics found");
        }
        return out;
    }
}
