package io.chordflow.chords;

import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code .lab} chord annotations: one {@code start end label} per line, whitespace separated,
 * {@code #} comments and blank lines ignored (as {@code mir_eval.io.load_labeled_intervals}).
 * Gaps between segments are allowed, and so are overlapping segments, as mir_eval's loader keeps
 * them: {@code chord.evaluate} then takes, at each time, the label of the last segment started
 * by then, and fails ("chord intervals must not overlap") only when merging equal neighbouring
 * chords does not remove the overlap. A segment that ends before it starts, or carries an invalid
 * label, is an error naming the file and line.
 */
public final class LabFile {
    private LabFile() {
    }

    public static List<ChordSegment> read(Path file) {
        return parse(io.chordflow.common.io.TextFiles.readUtf8(file), file.toString());
    }

    /** Parses .lab text; {@code name} is used in error messages. */
    public static List<ChordSegment> parse(String text, String name) {
        List<ChordSegment> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\\s+", 3);
                if (f.length < 3) {
                    throw InputException.at(name, n, "expected 'start end label', got '" + s + "'");
                }
                double start = number(f[0], name, n, "start");
                double end = number(f[1], name, n, "end");
                String label = f[2].strip();
                if (start < 0) {
                    throw InputException.at(name, n, "negative start time " + f[0]);
                }
                if (end < start) {
                    throw InputException.at(name, n, "interval goes backwards (end " + f[1] + " < start " + f[0] + ")");
                }
                if (!HarteLabel.isValid(label)) {
                    throw InputException.at(name, n, "label '" + label + "' is not valid Harte chord syntax");
                }
                out.add(new ChordSegment(start, end, label));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static double number(String s, String name, int line, String what) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw InputException.at(name, line, what + " time '" + s + "' is not a number");
        }
    }

    /** Writes segments as {@code start end label} with 6 decimals (microseconds), atomically. */
    public static void write(Path file, List<ChordSegment> segments) throws IOException {
        AtomicFiles.write(file, format(segments).getBytes(StandardCharsets.UTF_8));
    }

    public static String format(List<ChordSegment> segments) {
        StringBuilder sb = new StringBuilder();
        for (ChordSegment s : segments) {
            sb.append(String.format(Locale.ROOT, "%.6f %.6f %s%n", s.start(), s.end(), s.label()));
        }
        return sb.toString();
    }
}
