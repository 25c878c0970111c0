package io.chordflow.tracking.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import io.chordflow.contract.EvaluationReport;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation's scores on a {@link Suite}: the duration-weighted totals ({@code total} of
 * metrics.json), the accuracy per reference quality on {@value #QUALITY_METRIC} (from
 * {@code per_quality}; absent for key models), and the run that measured them. Stored on a model
 * version as the tag {@code chordflow.eval.<short hash>} (compact JSON, well under MLflow's
 * 5000-character limit for version tags).
 */
public record SuiteScores(Suite suite, Map<String, Double> totals, Map<String, Double> perQuality, String runId) {
    /** The per-quality metric kept: tetrads tells every quality apart (the comparison report's default too). */
    public static final String QUALITY_METRIC = "tetrads";

    public SuiteScores {
        totals = java.util.Collections.unmodifiableMap(new TreeMap<>(totals));
        perQuality = java.util.Collections.unmodifiableMap(new TreeMap<>(perQuality));
    }

    /** From the evaluate step's metrics.json document; errors name {@code where} and the field. */
    public static SuiteScores fromMetricsDoc(JsonNode doc, String runId, String where) {
        return fromReport(EvaluationReport.fromTree(doc, where), runId, where);
    }

    /** From an evaluation report read from {@code where}: its suite (required), totals and per-quality accuracy. */
    public static SuiteScores fromReport(EvaluationReport report, String runId, String where) {
        Suite suite = Suite.of(report.suite(), where);
        Map<String, Double> q = new LinkedHashMap<>();
        report.perQuality().forEach((quality, row) -> {
            Double v = row.accuracy().get(QUALITY_METRIC);
            if (v != null) {
                q.put(quality, v);
            }
        });
        return new SuiteScores(suite, report.total(), q, runId);
    }

    private static Map<String, Double> numbers(JsonNode n) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return out;
    }

    public String tagValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", suite.toMap());
        m.put("total", totals);
        m.put("quality_metric", QUALITY_METRIC);
        m.put("per_quality", perQuality);
        m.put("run_id", runId);
        try {
            return Json.MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@link #tagValue()} back; {@code where} names the model version and tag in errors. */
    public static SuiteScores fromTag(String value, String where) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InputException(where + ": not valid JSON: " + e.getOriginalMessage());
        }
        Suite suite = Suite.fromJson(n.get("suite"), where);
        Map<String, Double> q = new LinkedHashMap<>();
        n.path("per_quality").fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                q.put(e.getKey(), e.getValue().asDouble());
            }
        });
        JsonNode run = n.get("run_id");
        return new SuiteScores(suite, numbers(n.path("total")), q, run == null || run.isNull() ? null : run.asText());
    }
}
