package io.chordflow.audio.synth;

import io.chordflow.common.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named arranger styles. Each is a coarse caricature of a genre's habits (tempo, metre, swing, comping,
 * harmony, drums, instruments), enough that one can be held out of training and tested on. Together they
 * give maj/min the bulk of the chord time, 7ths next, and the rarer qualities a long tail.
 */
public final class StyleCatalog {
    // GM programs
    private static final int[] BASSES = {32, 33, 34, 35, 38};
    private static final Map<String, Style> STYLES = build();

    /** Every split uses all styles unless told otherwise. */
    public static final List<String> DEFAULT = List.copyOf(STYLES.keySet());

    private StyleCatalog() {
    }

    private static Map<String, Style> build() {
        Map<String, Style> m = new LinkedHashMap<>();
        //        name       bpm      metres 4/4 3/4 6/8 5/4        swing minor  7ths colour 9ths  inv   block sus arp strum sync  antic drums melody nct  walk  keych count
        add(m, new Style("pop", 80, 130, w(0.9, 0.03, 0.05, 0.02), 0.05, 0.3, 0.35, 1.0, 0.05, 0.15, w(0.3, 0.15, 0.2, 0.15, 0.2), 0.5, 0.85, 0.85,
                0.35, 0.0, 0.15, 0.3, ints(0, 1, 4, 5, 24, 25, 48, 89, 90), BASSES, ints(73, 65, 56, 80, 81, 11, 40, 22), ints(0, 8, 24, 25)));
        add(m, new Style("rock", 95, 180, w(0.9, 0.02, 0.05, 0.03), 0.05, 0.35, 0.15, 0.7, 0.02, 0.12, w(0.3, 0.1, 0.1, 0.35, 0.15), 0.5, 0.95, 0.75,
                0.3, 0.0, 0.15, 0.5, ints(25, 27, 29, 30, 16, 18, 0), ints(33, 34, 35), ints(29, 30, 81, 56, 65, 62), ints(0, 8, 16)));
        add(m, new Style("ballad", 60, 88, w(0.65, 0.1, 0.25, 0.0), 0.02, 0.35, 0.45, 1.3, 0.08, 0.25, w(0.15, 0.35, 0.4, 0.05, 0.05), 0.25, 0.6, 0.9,
                0.4, 0.0, 0.25, 0.1, ints(0, 1, 4, 46, 48, 49, 89, 88, 24), ints(32, 33, 35), ints(40, 73, 68, 71, 65, 11, 52), ints(0, 8, 40)));
        add(m, new Style("jazz", 90, 180, w(0.85, 0.1, 0.0, 0.05), 0.85, 0.3, 0.9, 1.6, 0.25, 0.2, w(0.2, 0.1, 0.2, 0.0, 0.5), 0.6, 0.9, 0.85,
                0.5, 0.75, 0.2, 0.3, ints(0, 4, 26, 11, 16, 1), ints(32, 33, 35), ints(65, 66, 56, 57, 71, 11, 73, 26), ints(32, 40, 0)));
        add(m, new Style("folk", 80, 140, w(0.55, 0.25, 0.15, 0.05), 0.15, 0.3, 0.1, 0.7, 0.0, 0.2, w(0.2, 0.1, 0.35, 0.35, 0.0), 0.2, 0.4, 0.85,
                0.3, 0.0, 0.1, 0.2, ints(24, 25, 21, 22, 105, 46, 0), ints(32, 33, 43), ints(40, 73, 22, 21, 74, 71, 110), ints(0, 8, 40)));
        add(m, new Style("waltz", 75, 175, w(0.0, 0.85, 0.15, 0.0), 0.0, 0.35, 0.3, 1.0, 0.03, 0.2, w(0.45, 0.15, 0.3, 0.1, 0.0), 0.15, 0.6, 0.9,
                0.35, 0.0, 0.2, 0.2, ints(0, 21, 48, 46, 24, 4, 49), ints(32, 33, 58, 42), ints(40, 73, 41, 21, 68, 56), ints(0, 8, 48)));
        return m;
    }

    private static void add(Map<String, Style> m, Style s) {
        m.put(s.name(), s);
    }

    private static double[] w(double... v) {
        return v;
    }

    private static int[] ints(int... v) {
        return v;
    }

    public static Set<String> names() {
        return STYLES.keySet();
    }

    public static Style get(String name) {
        Style s = STYLES.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown style " + name);
        }
        return s;
    }

    /** Resolves a {@code +}-separated style list ({@code default}, names, {@code ~NAME} to remove). */
    static List<Style> resolve(String spec, String option) {
        Set<String> out = new LinkedHashSet<>();
        for (String term : spec.split("\\+")) {
            String t = term.trim();
            boolean remove = t.startsWith("~");
            String name = remove ? t.substring(1) : t;
            List<String> hit = name.equals("default") ? DEFAULT : STYLES.containsKey(name) ? List.of(name) : List.of();
            if (hit.isEmpty()) {
                throw new InputException(option + ": unknown style '" + name + "'; known: default, " + String.join(", ", names()));
            }
            if (remove) {
                hit.forEach(out::remove);
            } else {
                out.addAll(hit);
            }
        }
        if (out.isEmpty()) {
            throw new InputException(option + ": '" + spec + "' leaves no style");
        }
        List<Style> list = new ArrayList<>();
        out.forEach(n -> list.add(STYLES.get(n)));
        return list;
    }

}
