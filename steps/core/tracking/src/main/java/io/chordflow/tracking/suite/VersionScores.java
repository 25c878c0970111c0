package io.chordflow.tracking.suite;

import io.chordflow.common.InputException;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.registry.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A model version's scores per evaluation suite, as its tags hold them: {@code chordflow.eval.<short
 * hash>} per suite it was scored on, and {@code chordflow.suite}/{@code chordflow.suite_hash} naming
 * the suite of its registration evaluation (the one its {@code metric.*} tags show).
 */
public final class VersionScores {
    private VersionScores() {
    }

    /** Every suite the version was scored on, by full hash, the registration suite first. */
    public static Map<String, SuiteScores> of(ModelVersion v) {
        Map<String, SuiteScores> out = new LinkedHashMap<>();
        String primary = v.tags().get(Tags.SUITE_HASH);
        Map<String, SuiteScores> rest = new TreeMap<>();
        v.tags().forEach((k, val) -> {
            if (k.startsWith(Tags.EVAL_PREFIX)) {
                SuiteScores s = SuiteScores.fromTag(val, where(v) + " tag " + k);
                (s.suite().hash().equals(primary) ? out : rest).put(s.suite().hash(), s);
            }
        });
        out.putAll(rest);
        return out;
    }

    public static Optional<SuiteScores> on(ModelVersion v, String hash) {
        return Optional.ofNullable(of(v).get(hash));
    }

    /**
     * The scores a promotion of {@code v} is judged on: those on the suite called {@code suiteName}
     * when given, else on its registration suite. Fails naming the version and the suites it has.
     */
    public static SuiteScores pick(ModelVersion v, String suiteName) {
        Map<String, SuiteScores> all = of(v);
        if (all.isEmpty()) {
            throw new InputException(where(v) + ": no evaluation suite recorded (register it from an evaluate step's"
                    + " output, or --force --reason R)");
        }
        if (suiteName == null) {
            return all.values().iterator().next();
        }
        List<SuiteScores> named = new ArrayList<>(all.values().stream().filter(s -> s.suite().name().equals(suiteName)).toList());
        if (named.isEmpty()) {
            throw new InputException(where(v) + ": not scored on a suite called '" + suiteName + "' (it has "
                    + all.values().stream().map(VersionScores::label).toList() + ")");
        }
        return named.get(0);
    }

    /** The version tags that record {@code s} ({@code primary}: also as the registration suite). */
    public static Map<String, String> tags(SuiteScores s, boolean primary) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(tagKey(s.suite()), s.tagValue());
        if (primary) {
            t.put(Tags.SUITE, s.suite().name());
            t.put(Tags.SUITE_HASH, s.suite().hash());
        }
        return t;
    }

    public static String tagKey(Suite s) {
        return Tags.EVAL_PREFIX + s.shortHash();
    }

    /** {@code name@shorthash}, how tables and messages name a suite. */
    public static String label(SuiteScores s) {
        return s.suite().name() + "@" + s.suite().shortHash();
    }

    private static String where(ModelVersion v) {
        return "model " + v.name() + " version " + v.version();
    }
}
