package io.chordflow.workflows.spec;

import io.chordflow.contract.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The synthetic corpus generator ({@code synth}): hours of audio per split, one seed, and per
 * split the timbre sources and arranger styles it draws from ({@code sources.default} and
 * {@code styles.default} for the splits not named; the generator's own defaults when absent).
 * A {@code heldout} split must use sources and styles that no other split uses: that is what
 * makes it a leave-one-source-out test.
 */
public record Synthetic(Long seed, Map<String, Double> hours, Map<String, List<String>> sources,
                        Map<String, List<String>> styles) {
    public static final String DEFAULT = "default";

    public Synthetic {
        FieldError.need(seed, "seed");
        FieldError.need(hours, "hours");
        hours = Map.copyOf(hours);
        hours.forEach((split, h) -> {
            FieldError.check(Experiment.SPLITS.contains(split), "hours." + split, "unknown split; expected one of " + Experiment.SPLITS);
            FieldError.check(h != null && h > 0, "hours." + split, "expected a number of hours > 0");
        });
        sources = choices(sources, hours, "sources");
        styles = choices(styles, hours, "styles");
        if (hours.containsKey("heldout")) {
            disjoint(sources, hours, "sources");
            disjoint(styles, hours, "styles");
        }
    }

    /** The sources (or styles) of {@code split}: its own list, else the default one, else empty (the generator's). */
    public List<String> of(Map<String, List<String>> choices, String split) {
        return choices.getOrDefault(split, choices.getOrDefault(DEFAULT, List.of()));
    }

    private static Map<String, List<String>> choices(Map<String, List<String>> m, Map<String, Double> hours, String field) {
        if (m == null) {
            return Map.of();
        }
        Map<String, List<String>> out = new java.util.TreeMap<>();
        m.forEach((split, names) -> {
            FieldError.check(DEFAULT.equals(split) || hours.containsKey(split), field + "." + split,
                    "no such synthetic split; expected '" + DEFAULT + "' or one of " + new java.util.TreeSet<>(hours.keySet()));
            FieldError.check(names != null && !names.isEmpty(), field + "." + split, "expected a non-empty list of names");
            for (String n : names) {
                FieldError.check(n != null && n.matches("[a-z0-9][a-z0-9@._-]*"), field + "." + split,
                        "'" + n + "': expected a name of lower-case letters, digits and @ . _ -");
            }
            out.put(split, List.copyOf(names));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The held-out split's names are given, and no other split uses any of them. */
    private void disjoint(Map<String, List<String>> choices, Map<String, Double> hours, String field) {
        FieldError.check(choices.containsKey("heldout") && choices.containsKey(DEFAULT), field,
                "a heldout split needs " + field + ".heldout and " + field + ".default (the generator's defaults may"
                        + " overlap the held-out ones)");
        for (String split : hours.keySet()) {
            if ("heldout".equals(split)) {
                continue;
            }
            for (String n : of(choices, split)) {
                FieldError.check(!choices.get("heldout").contains(n), field + ".heldout",
                        "'" + n + "' is also used by split '" + split + "': a held-out split uses what no other split uses");
            }
        }
    }
}
