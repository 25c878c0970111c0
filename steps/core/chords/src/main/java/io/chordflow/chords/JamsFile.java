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
 * {@link #observations} is the namespace-independent part, shared with the beat and segment readers.
 */
public final class JamsFile {
    private JamsFile() {
    }

    public static List<ChordSegment> read(Path file) {
        List<Observation> obs = new ArrayList<>(observations(file, "chord", "chord_harte"));
        obs.sort(Comparator.comparingDouble(Observation::time));
        List<ChordSegment> out = new ArrayList<>();
        for (Observation o : obs) {
            String label = o.value().asText();
            if (!HarteLabel.isValid(label)) {
                throw new InputException(o.where() + ": label '" + label + "' is not valid Harte chord syntax");
            }
            if (!out.isEmpty() && o.time() < out.get(out.size() - 1).end()) {
                throw new InputException(o.where() + ": observation at " + o.time() + " s overlaps the previous one");
            }
            out.add(new ChordSegment(o.time(), o.time() + o.duration(), label));
        }
        return out;
    }

    /**
     * One JAMS observation: time and duration in seconds (checked finite and non-negative), the
     * raw value, and {@code where} it sits ({@code file: annotations[a].data[i]}) for messages.
     */
    public record Observation(double time, double duration, JsonNode value, String where) {
    }

    /**
     * The observations of the first annotation in any of {@code namespaces}, in file order, from
     * either layout; other tasks' readers (beats, segments) build on this so that JAMS is read in
     * one place.
     */
    public static List<Observation> observations(Path file, String... namespaces) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(file + " line " + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> wanted = List.of(namespaces);
        JsonNode annotations = root.path("annotations");
        for (int a = 0; a < annotations.size(); a++) {
            JsonNode ann = annotations.get(a);
            if (wanted.contains(ann.path("namespace").asText(""))) {
                return observations(ann.path("data"), file + ": annotations[" + a + "].data");
            }
        }
        throw new InputException(file + ": no annotation in namespace "
                + String.join(" or ", wanted.stream().map(n -> "'" + n + "'").toList()));
    }

    private static List<Observation> observations(JsonNode data, String where) {
        List<Observation> out = new ArrayList<>();
        if (data.isArray()) {
            for (int i = 0; i < data.size(); i++) {
                JsonNode o = data.get(i);
                out.add(observation(o.path("time"), o.path("duration"), o.path("value"), where + "[" + i + "]"));
            }
        } else if (data.isObject()) {
            JsonNode t = data.path("time");
            JsonNode d = data.path("duration");
            JsonNode v = data.path("value");
            if (t.size() != d.size() || t.size() != v.size()) {
                throw new InputException(where + ": time, duration and value have different lengths");
            }
            for (int i = 0; i < t.size(); i++) {
                out.add(observation(t.get(i), d.get(i), v.get(i), where + "[" + i + "]"));
            }
        } else {
            throw new InputException(where + ": expected a list of observations");
        }
        return out;
    }

    private static Observation observation(JsonNode time, JsonNode duration, JsonNode value, String where) {
        if (!time.isNumber() || !duration.isNumber() || duration.asDouble() < 0 || time.asDouble() < 0) {
            throw new InputException(where + ": expected non-negative numeric time and duration");
        }
        return new Observation(time.asDouble(), duration.asDouble(), value, where);
    }
}
