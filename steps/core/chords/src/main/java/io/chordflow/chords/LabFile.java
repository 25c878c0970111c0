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

    /**
     * Reads {@code file} line by line (a 1e6-line file is never held whole as text), validating
     * each distinct label once and sharing its string among the segments that carry it.
     */
    public static List<ChordSegment> read(Path file) {
        return read(file, null);
    }

    /** Checks one parsed line beyond the format; returns what is wrong with it, or null. */
    @FunctionalInterface
    public interface LineCheck {
        String problem(double start, double end, String label);
    }

    /**
     * Reads intervals with other labels (e.g. structure segments): {@code check} replaces the
     * chord-label check, and intervals may not overlap (null {@code check}: a chord file, where
     * labels must be Harte syntax and overlaps are read as mir_eval reads them).
     */
    public static List<ChordSegment> read(Path file, LineCheck check) {
        if (Files.isDirectory(file)) {
            throw new InputException(file + ": is a folder, expected a .lab file");
        }
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        Parser p = new Parser(file.toString(), check);
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), utf8), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                p.line(line);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            int line;
            try {
                line = io.chordflow.common.io.TextFiles.firstBadLine(Files.readAllBytes(file)); // the reader decodes ahead of its lines
            } catch (IOException again) {
                line = p.n + 1;
            }
            throw InputException.at(file, line, "not UTF-8 text (save it as UTF-8)");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return p.out;
    }

    /** Parses .lab text; {@code name} is used in error messages. */
    public static List<ChordSegment> parse(String text, String name) {
        return parse(text, name, null);
    }

    /** Parses .lab text with {@code check} applied to every line (see {@link #read(Path, LineCheck)}). */
    public static List<ChordSegment> parse(String text, String name, LineCheck check) {
        Parser p = new Parser(name, check);
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line;
            while ((line = r.readLine()) != null) {
                p.line(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.out;
    }

    /** One file's lines in order: the segments so far, the line number, and the labels already checked. */
    private static final class Parser {
        final String name;
        /** Null for chord files (Harte labels, each distinct one checked once); else checked on every line. */
        final LineCheck check;
        final List<ChordSegment> out = new ArrayList<>();
        final java.util.Map<String, String> labels = new java.util.HashMap<>();
        int n;
        double prevEnd;

        Parser(String name, LineCheck check) {
            this.name = name;
            this.check = check;
        }

        void line(String line) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                return;
            }
            // start, end, then the rest of the line as the label (hand-split: a regex per line is the cost of a big file)
            int a = token(s, 0);
            int b = skip(s, a);
            int c = token(s, b);
            int d = skip(s, c);
            if (a == s.length() || c == s.length() || d == s.length()) {
                throw InputException.at(name, n, "expected 'start end label', got '" + s + "'");
            }
            String f0 = s.substring(0, a);
            String f1 = s.substring(b, c);
            double start = number(f0, name, n, "start");
            double end = number(f1, name, n, "end");
            String label = labels.get(s.substring(d));
            if (label == null) {
                label = s.substring(d).strip();
                if (check == null && !HarteLabel.isValid(label)) {
                    throw InputException.at(name, n, "label '" + label + "' is not valid Harte chord syntax");
                }
                labels.put(s.substring(d), label);
            }
            if (start < 0) {
                throw InputException.at(name, n, "negative start time " + f0);
            }
            if (end < start) {
                throw InputException.at(name, n, "interval goes backwards (end " + f1 + " < start " + f0 + ")");
            }
            if (check != null) {
                if (!out.isEmpty() && start < prevEnd) {
                    throw InputException.at(name, n, "interval starts at " + f0 + ", before the previous one ends (" + prevEnd + ")");
                }
                String problem = check.problem(start, end, label);
                if (problem != null) {
                    throw InputException.at(name, n, problem);
                }
            }
            out.add(new ChordSegment(start, end, label));
            prevEnd = end;
        }

        private static int token(String s, int from) {
            int i = from;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return i;
        }

        private static int skip(String s, int from) {
            int i = from;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return i;
        }
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
