package io.chordflow.beats;

import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code .beats} files: one beat per line, {@code time} (as {@code mir_eval.io.load_events}) or
 * {@code time position} (madmom's {@code .beats}, position 1 = downbeat), whitespace separated,
 * {@code #} comments and blank lines ignored. Every line of a file has the same number of
 * columns; times must not decrease (mir_eval's {@code validate_events} would reject them later).
 */
public final class BeatFile {
    private BeatFile() {
    }

    public static List<Beat> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses {@code .beats} text; {@code name} is used in error messages. */
    public static List<Beat> parse(String text, String name) {
        List<Beat> out = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        int columns = 0;
        for (int n = 1; n <= lines.length; n++) {
            String s = lines[n - 1].strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\\s+");
            if (f.length > 2) {
                throw InputException.at(name, n, "expected 'time' or 'time position', got '" + s + "'");
            }
            if (columns != 0 && f.length != columns) {
                throw InputException.at(name, n, "has " + f.length + " column(s) where earlier lines have " + columns);
            }
            columns = f.length;
            double time = time(f[0], name, n);
            int position = f.length == 2 ? position(f[1], name, n) : Beat.UNKNOWN;
            if (!out.isEmpty() && time < out.get(out.size() - 1).time()) {
                throw InputException.at(name, n, "beat at " + f[0] + " s comes before the previous one (" + out.get(out.size() - 1).time() + " s)");
            }
            out.add(new Beat(time, position));
        }
        return out;
    }

    private static double time(String s, String name, int line) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw InputException.at(name, line, "time '" + s + "' is not a number");
        }
        if (!Double.isFinite(v) || v < 0) {
            throw InputException.at(name, line, "time '" + s + "' must be a finite number >= 0");
        }
        return v;
    }

    /** A position is a whole number >= 1; madmom writes it as {@code 1}, some tools as {@code 1.0}. */
    private static int position(String s, String name, int line) {
        try {
            double v = Double.parseDouble(s);
            if (v >= 1 && v == Math.rint(v) && v < 1000) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InputException.at(name, line, "beat position '" + s + "' must be a whole number >= 1 (1 = downbeat)");
    }

    /** Writes {@code time position} (or {@code time} when positions are unknown) with 6 decimals, atomically. */
    public static void write(Path file, List<Beat> beats) throws IOException {
        AtomicFiles.write(file, format(beats).getBytes(StandardCharsets.UTF_8));
    }

    public static String format(List<Beat> beats) {
        StringBuilder sb = new StringBuilder();
        for (Beat b : beats) {
            sb.append(b.position() == Beat.UNKNOWN
                    ? String.format(Locale.ROOT, "%.6f%n", b.time())
                    : String.format(Locale.ROOT, "%.6f\t%d%n", b.time(), b.position()));
        }
        return sb.toString();
    }
}
