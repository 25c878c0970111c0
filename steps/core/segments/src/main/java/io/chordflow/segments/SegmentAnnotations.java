package io.chordflow.segments;

import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.JamsFile;
import io.chordflow.chords.LabFile;
import io.chordflow.common.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Structure annotations: {@code .lab} files ({@code start end label}, read by chords'
 * {@link LabFile} with structure rules: any label, strictly positive durations as mir_eval's
 * segment scores require, no overlaps) and JAMS {@code segment_open} annotations (read by
 * {@link JamsFile}). Segments come back sorted by start time.
 */
public final class SegmentAnnotations {
    /** mir_eval's {@code validate_intervals}: every interval must last longer than 0 s. */
    static final LabFile.LineCheck POSITIVE_DURATION = (start, end, label) ->
            end > start ? null : "segment [" + start + ", " + end + "] has no duration (mir_eval needs end > start)";

    private SegmentAnnotations() {
    }

    public static List<Segment> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such annotation file");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jams")) {
            return readJams(file);
        }
        List<Segment> out = new ArrayList<>();
        for (ChordSegment s : LabFile.read(file, POSITIVE_DURATION)) {
            out.add(new Segment(s.start(), s.end(), s.label()));
        }
        return out;
    }

    static List<Segment> readJams(Path file) {
        List<JamsFile.Observation> obs = new ArrayList<>(JamsFile.observations(file, "segment_open"));
        obs.sort(Comparator.comparingDouble(JamsFile.Observation::time));
        List<Segment> out = new ArrayList<>();
        for (JamsFile.Observation o : obs) {
            String label = o.value().isValueNode() ? o.value().asText() : "";
            if (label.isBlank()) {
                throw new InputException(o.where() + ": segment label must be a non-empty string");
            }
            if (!(o.duration() > 0)) {
                throw new InputException(o.where() + ": segment has no duration (mir_eval needs end > start)");
            }
            if (!out.isEmpty() && o.time() < out.get(out.size() - 1).end()) {
                throw new InputException(o.where() + ": segment at " + o.time() + " s overlaps the previous one");
            }
            out.add(new Segment(o.time(), o.time() + o.duration(), label));
        }
        return out;
    }

    /** Writes {@code start end label} lines (chords' .lab writer), atomically. */
    public static void write(Path file, List<Segment> segments) throws IOException {
        LabFile.write(file, segments.stream().map(s -> new ChordSegment(s.start(), s.end(), s.label())).toList());
    }
}
