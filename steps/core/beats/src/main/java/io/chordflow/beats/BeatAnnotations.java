package io.chordflow.beats;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.JamsFile;
import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads beat annotations by file type: {@code .jams} as the first {@code beat} annotation (value =
 * position in the bar, a number or null), anything else as a {@code .beats} file.
 */
public final class BeatAnnotations {
    private BeatAnnotations() {
    }

    public static List<Beat> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such annotation file");
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jams") ? readJams(file) : BeatFile.read(file);
    }

    static List<Beat> readJams(Path file) {
        List<Beat> out = new ArrayList<>();
        for (JamsFile.Observation o : JamsFile.observations(file, "beat")) {
            JsonNode v = o.value();
            int position = Beat.UNKNOWN;
            if (!v.isNull() && !v.isMissingNode()) {
                if (!v.isNumber() || v.asDouble() < 1 || v.asDouble() != Math.rint(v.asDouble())) {
                    throw new InputException(o.where() + ": beat position " + v + " must be a whole number >= 1 or null");
                }
                position = v.asInt();
            }
            out.add(new Beat(o.time(), position));
        }
        out.sort(Comparator.comparingDouble(Beat::time));
        return out;
    }

    /** Beat times in seconds, as mir_eval takes them. */
    public static double[] times(List<Beat> beats) {
        return beats.stream().mapToDouble(Beat::time).toArray();
    }

    /** Downbeat times (position 1); an error naming {@code file} when the annotation has no positions. */
    public static double[] downbeats(List<Beat> beats, Object file) {
        if (!beats.isEmpty() && beats.stream().allMatch(b -> b.position() == Beat.UNKNOWN)) {
            throw new InputException(file + ": has no beat positions, so no downbeats (expected 'time position' lines)");
        }
        return beats.stream().filter(Beat::isDownbeat).mapToDouble(Beat::time).toArray();
    }

    public static boolean hasPositions(List<Beat> beats) {
        return beats.stream().anyMatch(b -> b.position() != Beat.UNKNOWN);
    }
}
