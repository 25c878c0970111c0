package io.chordflow.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.tracking.cli.ModelsCommand;
import io.chordflow.tracking.file.FileStoreTracker;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelUri;
import io.chordflow.tracking.registry.Promoter;
import io.chordflow.tracking.registry.Promotion;
import io.chordflow.tracking.suite.Suite;
import io.chordflow.tracking.suite.SuiteScores;
import io.chordflow.tracking.suite.VersionScores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PromotionTest {
    @TempDir
    Path tmp;

    static final Suite EASY = new Suite("test", "a".repeat(64), List.of(new Suite.Split("test", "file:///d/test/features", "file:///d/test/labels")));
    static final Suite HARD = new Suite("heldout", "b".repeat(64), List.of(new Suite.Split("heldout", "file:///d/h/features", "file:///d/h/labels")));

    /** Seven metrics {@code base + i/100} (mean base + 0.03), and a rare quality's accuracy. */
    static SuiteScores scores(Suite s, double base, double rare) {
        Map<String, Double> t = new LinkedHashMap<>();
        for (int i = 0; i < Promotion.PAPER_METRICS.size(); i++) {
            t.put(Promotion.PAPER_METRICS.get(i), base + i * 0.01);
        }
        return new SuiteScores(s, t, Map.of("maj", base, "dim", rare), "run-" + base);
    }

    static Map<String, String> registrationTags(SuiteScores s) {
        Map<String, String> tags = new LinkedHashMap<>(VersionScores.tags(s, true));
        s.totals().forEach((k, v) -> tags.put(Tags.METRIC_PREFIX + k, Double.toString(v)));
        return tags;
    }

    record Result(int code, String out, String err) {
    }

    static Result run(Object command, String... args) {
        CommandLine cl = Cli.commandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static Promoter.Outcome decide(Supplier<Tracker> trackers, String version, Promotion.Rule rule,
                                   Promoter.ChampionEvaluator evaluator) throws Exception {
        try (Tracker t = trackers.get()) {
            Promoter.Outcome o = Promoter.decide(t.registry(), "btc", version, ModelRegistry.CHAMPION, null, rule, evaluator);
            Promoter.record(t.registry(), o, ModelRegistry.CHAMPION, null, null);
            return o;
        }
    }

    /** The promotion rules, run against any backend's registry. */
    static void promotionRules(Supplier<Tracker> trackers) throws Exception {
        try (Tracker t = trackers.get()) {
            ModelRegistry reg = t.registry();
            reg.register("btc", "file:///m/1", null, registrationTags(scores(EASY, 0.70, 0.5)));
            reg.register("btc", "file:///m/2", null, registrationTags(scores(EASY, 0.75, 0.5)));
            // higher numbers than the champion, but measured on other data
            reg.register("btc", "file:///m/3", null, registrationTags(scores(HARD, 0.90, 0.9)));
        }
        Promotion.Rule rule = Promotion.Rule.DEFAULT;
        Promoter.Outcome first = decide(trackers, "1", rule, null);
        assertEquals(Promoter.Status.FIRST, first.status());
        Promoter.Outcome better = decide(trackers, "2", rule, null);
        assertTrue(better.promote(), better.message());
        assertTrue(better.message().contains("0.7800") && better.message().contains("0.7300"), better.message());

        // the stale comparison: v3's 0.93 on HARD must not be compared with v2's 0.78 on EASY
        Promoter.Outcome stale = decide(trackers, "3", rule, null);
        assertEquals(Promoter.Status.NOT_COMPARABLE, stale.status(), stale.message());
        assertFalse(stale.promote());
        try (Tracker t = trackers.get()) {
            assertEquals("2", t.registry().resolve("models:/btc@champion").version());
            assertTrue(t.registry().version("btc", "3").tags().get(Tags.PROMOTION).contains("not compared"));
        }

        // re-scored: the champion evaluated on HARD scores higher there, so v3 is refused
        AtomicInteger calls = new AtomicInteger();
        Promoter.ChampionEvaluator evaluator = (champion, suite) -> {
            calls.incrementAndGet();
            assertEquals("2", champion.version());
            return Optional.of(scores(suite, 0.92, 0.9));
        };
        Promoter.Outcome rescored = decide(trackers, "3", rule, evaluator);
        assertEquals(Promoter.Status.COMPARED, rescored.status());
        assertTrue(rescored.championEvaluatedNow());
        assertFalse(rescored.promote(), rescored.message());
        assertEquals(1, calls.get());
        try (Tracker t = trackers.get()) {
            var champion = t.registry().version("btc", "2");
            assertEquals(0.92, VersionScores.on(champion, HARD.hash()).orElseThrow().totals().get("root"), 1e-12);
            assertEquals("2", t.registry().resolve("models:/btc@champion").version());
        }
        // ... and the recorded evaluation is reused, not repeated
        Promoter.Outcome again = decide(trackers, "3", rule, evaluator);
        assertFalse(again.championEvaluatedNow());
        assertEquals(1, calls.get());

        // the thresholds each refuse a case v4 would otherwise pass (v4 vs v2 on EASY: +0.01 on the mean)
        try (Tracker t = trackers.get()) {
            SuiteScores v4 = scores(EASY, 0.76, 0.3);
            Map<String, Double> totals = new LinkedHashMap<>(v4.totals());
            totals.put("tetrads", 0.70); // 0.79 for the champion: down 0.09, mean still up
            totals.put("root", 0.95);
            t.registry().register("btc", "file:///m/4", null,
                    registrationTags(new SuiteScores(EASY, totals, v4.perQuality(), "run-4")));
        }
        assertTrue(decide(trackers, "4", new Promotion.Rule(Promotion.PAPER_MEAN, 0.2, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY), null).verdict().failures().get(0).contains("--min-gain"));
        Promoter.Outcome drop = decide(trackers, "4", new Promotion.Rule(Promotion.PAPER_MEAN, 0, 0.05, Double.POSITIVE_INFINITY), null);
        assertFalse(drop.promote());
        assertEquals(List.of("tetrads drops by 0.0900 (--max-drop 0.0500)"), drop.verdict().failures());
        Promoter.Outcome rare = decide(trackers, "4", new Promotion.Rule(Promotion.PAPER_MEAN, 0, 0.1, 0.1), null);
        assertFalse(rare.promote());
        assertEquals(List.of("rare quality dim drops by 0.2000 (--max-rare-drop 0.1000)"), rare.verdict().failures());
        Promoter.Outcome passes = decide(trackers, "4", new Promotion.Rule(Promotion.PAPER_MEAN, 0, 0.1, 0.25), null);
        assertTrue(passes.promote(), passes.message());

        // forced: the alias moves and the reason is recorded
        try (Tracker t = trackers.get()) {
            Promoter.Outcome o = Promoter.decide(t.registry(), "btc", "1", "champion", null, rule, null);
            assertFalse(o.promote());
            Promoter.record(t.registry(), o, "champion", "better on jazz", "file:///r/promotion");
            var v1 = t.registry().version("btc", "1");
            assertEquals("1", t.registry().resolve("models:/btc@champion").version());
            assertEquals("better on jazz", v1.tags().get(Tags.FORCED_REASON));
            assertTrue(v1.tags().get(Tags.PROMOTION).startsWith("champion: forced:"), v1.tags().get(Tags.PROMOTION));
            assertEquals("file:///r/promotion", v1.tags().get(Tags.PROMOTION_REPORT));
        }

        Result listing = run(new ModelsCommand(trackers));
        assertEquals(0, listing.code(), listing.err());
        String row2 = listing.out().lines().filter(l -> l.startsWith("  2 ")).findFirst().orElseThrow();
        assertTrue(row2.contains("test@aaaaaaaaaaaaaaaa") && row2.contains("0.7800")
                && row2.contains("test@aaaaaaaaaaaaaaaa,heldout@bbbbbbbbbbbbbbbb"), listing.out());
        Result onHard = run(new ModelsCommand(trackers), "btc", "--suite", "heldout");
        String hard2 = onHard.out().lines().filter(l -> l.startsWith("  2 ")).findFirst().orElseThrow();
        assertTrue(hard2.contains("heldout@bbbbbbbbbbbbbbbb") && hard2.contains("0.9500"), onHard.out());
        String hard1 = onHard.out().lines().filter(l -> l.startsWith("  1 ")).findFirst().orElseThrow();
        assertTrue(hard1.contains(" - "), onHard.out());
    }

    @Test
    void promotionOnTheFileStore() throws Exception {
        Path root = tmp.resolve("mlruns");
        promotionRules(() -> new FileStoreTracker(root));
    }

    @Test
    void versionsWithoutASuiteAreNamed() {
        Path root = tmp.resolve("mlruns");
        try (Tracker t = new FileStoreTracker(root)) {
            t.registry().register("m", "file:///x", null, Map.of(Tags.METRIC_PREFIX + "root", "0.5"));
            InputException e = assertThrows(InputException.class, () -> Promoter.decide(t.registry(), "m", "1", "champion",
                    null, Promotion.Rule.DEFAULT, null));
            assertTrue(e.getMessage().contains("model m version 1: no evaluation suite"), e.getMessage());
        }
    }

    @Test
    void suiteHashIsTheContentOfFeaturesAndLabels() throws Exception {
        Path f = Files.createDirectories(tmp.resolve("test/features"));
        Path l = Files.createDirectories(tmp.resolve("test/labels"));
        Files.writeString(f.resolve("a.npy"), "x");
        Files.writeString(l.resolve("a.lab"), "0 1 C\n");
        Suite.Split split = new Suite.Split("test", f.toUri().toString(), l.toUri().toString());
        Suite s1 = Suite.of("test", List.of(new Suite.SplitData(split, f, l)));
        Files.writeString(f.resolve("_SUCCESS.json"), "{}"); // a commit marker is not content
        assertEquals(s1.hash(), Suite.of("test", List.of(new Suite.SplitData(split, f, l))).hash());
        Files.writeString(l.resolve("a.lab"), "0 1 C:min\n");
        assertFalse(s1.hash().equals(Suite.of("test", List.of(new Suite.SplitData(split, f, l))).hash()));
        assertEquals("test", Suite.defaultName(l.toString()));
        assertEquals("valid", Suite.defaultName("s3://b/data/valid/"));
        SuiteScores sc = scores(s1, 0.5, 0.1);
        assertEquals(sc, SuiteScores.fromTag(sc.tagValue(), "tag"));
        assertTrue(sc.tagValue().length() < 5000);
    }

    @Test
    void commandsAreRegisteredAndModelUrisParse() {
        var names = ServiceLoader.load(io.chordflow.common.cli.CliCommand.class).stream()
                .map(p -> p.type().getSimpleName()).toList();
        assertTrue(names.contains("ModelsCommand"), names.toString());
        assertEquals(new ModelUri("btc", null, "champion"), ModelUri.parse("models:/btc@champion"));
        assertEquals(new ModelUri("btc", "12", null), ModelUri.parse("models:/btc/12"));
    }
}
