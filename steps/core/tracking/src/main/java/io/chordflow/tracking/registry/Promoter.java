package io.chordflow.tracking.registry;

import io.chordflow.common.InputException;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.suite.Suite;
import io.chordflow.tracking.suite.SuiteScores;
import io.chordflow.tracking.suite.VersionScores;
import java.io.IOException;
import java.util.Optional;

/**
 * A promotion against the registry: finds the candidate's scores on its suite, the alias
 * holder's scores on the same suite (by content hash), has the holder evaluated there when it
 * has none (and records that evaluation on the holder's version, so the next promotion reuses
 * it), and applies {@link Promotion}'s rule. Scores on different suites are never compared.
 */
public final class Promoter {
    /** Scores the champion on the suite; empty when the result is not there yet (submitted to a cluster). */
    @FunctionalInterface
    public interface ChampionEvaluator {
        Optional<SuiteScores> evaluate(ModelVersion champion, Suite suite) throws IOException;
    }

    public enum Status {
        /** No holder: the candidate becomes the first. */
        FIRST,
        /** The candidate already holds the alias. */
        ALREADY,
        /** Both scored on the same suite: the rule decided. */
        COMPARED,
        /** The holder has no score on the suite and none could be made now. */
        NOT_COMPARABLE
    }

    public record Outcome(Status status, ModelVersion candidate, Optional<ModelVersion> champion, SuiteScores candidateScores,
                          SuiteScores championScores, Promotion.Verdict verdict, boolean championEvaluatedNow, String message) {
        public boolean promote() {
            return status == Status.FIRST || (status == Status.COMPARED && verdict.promote());
        }
    }

    private Promoter() {
    }

    /**
     * @param suiteName the candidate's suite to judge on (null: its registration suite)
     * @param evaluator how to score the holder when it has no score on the suite (null: do not, refuse instead)
     */
    public static Outcome decide(ModelRegistry registry, String name, String version, String alias, String suiteName,
                                 Promotion.Rule rule, ChampionEvaluator evaluator) throws IOException {
        ModelVersion candidate = registry.version(name, version);
        SuiteScores c = VersionScores.pick(candidate, suiteName);
        String on = "suite " + VersionScores.label(c);
        Optional<ModelVersion> holder = registry.byAlias(name, alias);
        if (holder.isEmpty()) {
            return new Outcome(Status.FIRST, candidate, holder, c, null, null, false, String.format(java.util.Locale.ROOT,
                    "version %s (%s %.4f on %s) becomes the first %s", version, rule.metric(),
                    Promotion.score(c.totals(), rule.metric(), "version " + version), on, alias));
        }
        ModelVersion h = holder.get();
        if (h.version().equals(version)) {
            return new Outcome(Status.ALREADY, candidate, holder, c, c, null, false, "version " + version + " is already the " + alias);
        }
        Optional<SuiteScores> hs = VersionScores.on(h, c.suite().hash());
        boolean now = false;
        if (hs.isEmpty() && evaluator != null) {
            hs = evaluator.evaluate(h, c.suite());
            if (hs.isPresent()) {
                if (!hs.get().suite().hash().equals(c.suite().hash())) {
                    throw new InputException(on + ": its data changed since version " + version + " was scored (the "
                            + alias + " was scored on content hash " + hs.get().suite().shortHash() + "); not compared");
                }
                registry.setVersionTag(name, h.version(), VersionScores.tagKey(c.suite()), hs.get().tagValue());
                now = true;
            }
        }
        if (hs.isEmpty()) {
            return new Outcome(Status.NOT_COMPARABLE, candidate, holder, c, null, null, false, alias + " version " + h.version()
                    + " has no score on " + on + ": not compared (chordflow promote " + name + " " + version
                    + " evaluates it there first)");
        }
        Promotion.Verdict v = Promotion.decide(c.totals(), c.perQuality(), hs.get().totals(), hs.get().perQuality(), rule);
        return new Outcome(Status.COMPARED, candidate, holder, c, hs.get(), v, now, "version " + version + " vs " + alias
                + " version " + h.version() + " on " + on + (now ? " (the " + alias + " evaluated there now)" : "") + ": "
                + v.summary());
    }

    /**
     * Records the decision on the candidate's version ({@code chordflow.promotion}, and the report's
     * location when given) and moves the alias when promoted or forced ({@code reason} non-null).
     */
    public static void record(ModelRegistry registry, Outcome o, String alias, String reason, String reportUri) {
        String name = o.candidate().name();
        String version = o.candidate().version();
        boolean forced = !o.promote() && reason != null;
        String decision = alias + ": " + (forced ? "forced: " : "") + o.message();
        registry.setVersionTag(name, version, Tags.PROMOTION, decision.length() > 4900 ? decision.substring(0, 4900) : decision);
        if (reportUri != null) {
            registry.setVersionTag(name, version, Tags.PROMOTION_REPORT, reportUri);
        }
        if (forced) {
            registry.setVersionTag(name, version, Tags.FORCED_REASON, reason);
        }
        if (o.promote() || forced) {
            registry.setAlias(name, alias, version);
        }
    }

    /**
     * The alias a newly registered version gets, and sets it: {@code alias} itself, except
     * {@code champion}, which goes through the rule ({@link Promotion.Rule#DEFAULT}): the version
     * becomes champion if there is none, or if it beats the champion on the same evaluation suite;
     * otherwise (worse, no score of the champion on that suite, or no suite on the version: nothing
     * is evaluated here) the champion stays, the version becomes challenger, and the decision is
     * recorded on it. Running it again gives the same result (a replay may).
     */
    public static Assignment assign(ModelRegistry registry, String name, String version, String alias) throws IOException {
        String set = alias;
        String message = null;
        if (alias.equals(ModelRegistry.CHAMPION)) {
            if (!registry.version(name, version).tags().containsKey(Tags.SUITE_HASH)) {
                Optional<ModelVersion> holder = registry.byAlias(name, alias);
                if (holder.isPresent() && !holder.get().version().equals(version)) {
                    set = ModelRegistry.CHALLENGER;
                    message = "metrics without an evaluation suite cannot be compared with the champion; it stays";
                }
            } else {
                Outcome o = decide(registry, name, version, alias, null, Promotion.Rule.DEFAULT, null);
                record(registry, o, alias, null, null);
                message = o.message();
                set = o.promote() || o.status() == Status.ALREADY ? alias : ModelRegistry.CHALLENGER;
            }
        }
        registry.setAlias(name, set, version);
        return new Assignment(set, message);
    }
}
