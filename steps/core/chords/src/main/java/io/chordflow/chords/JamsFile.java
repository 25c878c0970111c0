package io.chordflow.chords;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chord annotations from a JAMS file: the first annotation in the {@code chord} (or
 * {@code chord_harte}) namespace, with observations either as a list of
 * {@code {time, duration, value}} objects (JAMS 0.3) or as parallel {@code time/duration/value}
 * arrays (older files). Segments come back sorted by time and checked like {@code .lab} ones.
 */
public final class JamsFile {
    private JamsFile() {
    }

    public static List<ChordSegment> read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(file + " line " + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode annotations = root.path("annotations");
        for (int a = 0; a < annotations.size(); a++) {
            JsonNode ann = annotations.get(a);
            String ns = ann.path("namespace").asText("");
            if (ns.equals("chord") || ns.equals("chord_harte")) {
                return segments(ann.path("data"), file + ": annotations[" + a + "].data");
            }
        }
        throw new InputException(file + ": no annotation in namespace 'chord' or 'chord_harte'");
    }

    private static List<ChordSegment> segments(JsonNode data, String where) {
        List<ChordSegment> out = new ArrayList<>();
        if (data.isArray()) {
            for (int i = 0; i < data.size(); i++) {
                JsonNode o = data.get(i);
                out.add(segment(o.path("time"), o.path("duration"), o.path("value"), where + "[" + i + "]"));
            }
        } else if (data.isObject()) {
            JsonNode t = data.path("time");
            JsonNode d = data.path("duration");
            JsonNode v = data.path("value");
            if (t.size() != d.size() || t.size() != v.size()) {
                throw new InputException(where + ": time, duration and value have different lengths");
            }
            for (int i = 0; i < t.size(); i++) {
                out.add(segment(t.get(i), d.get(i), v.get(i), where + "[" + i + "]"));
            }
        } else {
            throw new InputException(where + ": expected a list of observations");
        }
        out.sort(Comparator.comparingDouble(ChordSegment::start));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).start() < out.get(i - 1).end()) {
                throw new InputException(where + ": observation at " + out.get(i).start() + " s overlaps the previous one");
            }
        }
        return out;
    }

    private static ChordSegment segment(JsonNode time, JsonNode duration, JsonNode value, String where) {
        if (!time.isNumber() || !duration.isNumber() || duration.asDouble() < 0 || time.asDouble() < 0) {
            throw new InputException(where + ": expected non-negative numeric time and duration");
        }
        String label = value.asText();
        if (!HarteLabel.isValid(label)) {
            throw new InputException(where + ": label '" + label + "' is not valid Harte chord syntax");
        }
        return new ChordSegment(time.asDouble(), time.asDouble() + duration.asDouble(), label);
    }
}
