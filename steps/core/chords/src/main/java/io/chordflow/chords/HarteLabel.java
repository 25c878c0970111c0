package io.chordflow.chords;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A chord label split into its four parts, as {@code mir_eval.chord.split} does:
 * root spelling, quality shorthand, scale-degree list, bass scale degree.
 * Examples: {@code C -> (C, maj, {}, 1)}, {@code G#:min(*b3,*5)/5 -> (G#, min, {*b3, *5}, 5)},
 * {@code A:(3)/6 -> (A, "", {3}, 6)}. {@code N} and {@code X} have an empty quality and bass.
 */
public record HarteLabel(String root, String quality, Set<String> degrees, String bass) {
    public static final String NO_CHORD = "N";
    public static final String UNKNOWN = "X";

    /**
     * mir_eval's CHORD_RE (itself from the JAMS chord namespace, derived from Harte's grammar):
     * the set of labels it accepts is exactly this regular expression.
     */
    private static final String DEGREE = "(b*|#*)([1-9]|1[0-3]?)";
    private static final String DEGREES = "(\\*?(" + DEGREE + ")(,\\*?(" + DEGREE + "))*)";
    private static final Pattern CHORD_RE = Pattern.compile(
            "^((N|X)|(([A-G](b*|#*))((:(maj|min|dim|aug|1|5|sus2|sus4|maj6|min6|7|maj7|min7|dim7|hdim7|minmaj7"
            + "|aug7|9|maj9|min9|11|maj11|min11|13|maj13|min13)(\\(" + DEGREES + "\\))?)|(:\\(" + DEGREES + "\\)))?"
            + "((/(" + DEGREE + "))?)?))$");

    public HarteLabel {
        degrees = Set.copyOf(degrees);
    }

    public static boolean isValid(String label) {
        return CHORD_RE.matcher(label).matches();
    }

    /** Parses a label; an invalid one throws {@link InvalidChordException} naming it. */
    public static HarteLabel parse(String label) {
        if (!isValid(label)) {
            throw new InvalidChordException(label, "not valid Harte chord syntax");
        }
        if (label.equals(NO_CHORD) || label.equals(UNKNOWN)) {
            return new HarteLabel(label, "", Set.of(), "");
        }
        String rest = label;
        String bass = "1";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            bass = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        Set<String> degrees = new LinkedHashSet<>();
        boolean omission = false;
        int paren = rest.indexOf('(');
        if (paren >= 0) {
            String list = rest.substring(paren + 1, rest.length() - 1);
            omission = list.contains("*");
            for (String d : list.split(",")) {
                degrees.add(d.strip());
            }
            rest = rest.substring(0, paren);
        }
        // No quality and no degrees means major; degrees without a quality mean an empty quality.
        String quality = degrees.isEmpty() ? "maj" : "";
        String root = rest;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            root = rest.substring(0, colon);
            String q = rest.substring(colon + 1);
            if (!q.isEmpty()) {
                quality = q;
            }
        } else if (omission) {
            throw new InvalidChordException(label, "intervals specifying omissions must have a quality");
        }
        return new HarteLabel(root, quality, degrees, bass);
    }

    public boolean isNoChord() {
        return root.equals(NO_CHORD);
    }

    public boolean isUnknown() {
        return root.equals(UNKNOWN);
    }
}
