package io.chordflow.audio.synth;

import io.chordflow.common.InputException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The timbre sources and arranger styles one split may use ({@code --sources}, {@code --styles}), so an
 * experiment can hold a source and a style out of every training split and test on them alone.
 */
record SplitChoice(List<Source> sources, List<Style> styles) {
    /** The key that sets the choice of every split not named. */
    static final String EVERY_OTHER = "*";

    /** Per split: the named choice, else the {@code *} choice, else the defaults. Keys must be rendered splits. */
    static Map<String, SplitChoice> resolve(Collection<String> splits, Map<String, String> sources, Map<String, String> styles) {
        check(splits, sources.keySet(), "--sources");
        check(splits, styles.keySet(), "--styles");
        String defSources = sources.getOrDefault(EVERY_OTHER, "default");
        String defStyles = styles.getOrDefault(EVERY_OTHER, "default");
        Map<String, SplitChoice> out = new LinkedHashMap<>();
        for (String s : splits) {
            String so = sources.getOrDefault(s, defSources);
            String st = styles.getOrDefault(s, defStyles);
            out.put(s, new SplitChoice(SourceCatalog.resolve(so, "--sources " + s + "=" + so),
                    StyleCatalog.resolve(st, "--styles " + s + "=" + st)));
        }
        return out;
    }

    private static void check(Collection<String> splits, Collection<String> keys, String option) {
        for (String k : keys) {
            if (!k.equals(EVERY_OTHER) && !splits.contains(k)) {
                throw new InputException(option + " " + k + "=...: no split '" + k + "' is rendered (splits: " + String.join(", ", splits)
                        + "; '*' means every split not named)");
            }
        }
    }

    /** A source per part, by weight among this split's sources that play it; one draw per part whatever the score holds. */
    Map<Part, Source> pick(SplittableRandom r) {
        Map<Part, Source> m = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            List<Source> can = sources.stream().filter(s -> s.plays(p)).toList();
            double total = can.stream().mapToDouble(Source::weight).sum();
            double u = r.nextDouble() * total;
            Source chosen = can.get(can.size() - 1);
            for (Source s : can) {
                u -= s.weight();
                if (u < 0) {
                    chosen = s;
                    break;
                }
            }
            m.put(p, chosen);
        }
        return m;
    }
}
