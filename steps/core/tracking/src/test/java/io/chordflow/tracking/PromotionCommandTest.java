package io.chordflow.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.cli.Cli;
import io.chordflow.tracking.cli.ModelsCommand;
import io.chordflow.tracking.cli.PromoteCommand;
import io.chordflow.tracking.file.FileStoreTracker;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelUri;
import io.chordflow.tracking.registry.Promotion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PromotionCommandTest {
    @TempDir
    Path tmp;

    static Map<String, String> metrics(double base) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < Promotion.PAPER_METRICS.size(); i++) {
            m.put(Tags.METRIC_PREFIX + Promotion.PAPER_METRICS.get(i), Double.toString(base + i * 0.01));
        }
        return m;
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

    /** The promotion rules, run against any backend's registry. */
    static void promotionRules(Supplier<Tracker> trackers) {
        ModelRegistry reg;
        try (Tracker t = trackers.get()) {
            reg = t.registry();
            reg.register("btc", "file:///m/1", null, metrics(0.70));
            reg.register("btc", "file:///m/2", null, metrics(0.75));
            reg.register("btc", "file:///m/3", null, metrics(0.72));
        }
        Result first = run(new PromoteCommand(trackers), "btc", "1");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("first champion"), first.out());

        Result better = run(new PromoteCommand(trackers), "btc", "2");
        assertEquals(0, better.code(), better.err());
        assertTrue(better.out().contains("0.7800") && better.out().contains("0.7300"), better.out());

        Result worse = run(new PromoteCommand(trackers), "btc", "3");
        assertEquals(1, worse.code());
        assertTrue(worse.err().contains("0.7500") && worse.err().contains("0.7800") && worse.err().contains("refused"),
                worse.err());

        Result noReason = run(new PromoteCommand(trackers), "btc", "3", "--force");
        assertEquals(Cli.BAD_INPUT, noReason.code());
        assertTrue(noReason.err().contains("--reason"), noReason.err());

        Result forced = run(new PromoteCommand(trackers), "btc", "3", "--force", "--reason", "better on jazz");
        assertEquals(0, forced.code(), forced.err());
        try (Tracker t = trackers.get()) {
            assertEquals("3", t.registry().resolve("models:/btc@champion").version());
            assertEquals("better on jazz", t.registry().version("btc", "3").tags().get(Tags.FORCED_REASON));
            assertTrue(t.registry().version("btc", "3").tags().get(Tags.PROMOTION).contains("champion"));
        }

        Result single = run(new PromoteCommand(trackers), "btc", "2", "--metric", "root", "--alias", "best-root");
        assertEquals(0, single.code(), single.err());

        Result listing = run(new ModelsCommand(trackers));
        assertEquals(0, listing.code(), listing.err());
        assertTrue(listing.out().contains("btc") && listing.out().contains("champion") && listing.out().contains("0.7800"),
                listing.out());
    }

    @Test
    void promotionOnTheFileStore() {
        Path root = tmp.resolve("mlruns");
        promotionRules(() -> new FileStoreTracker(root));
    }

    @Test
    void missingMetricsAreNamed() {
        Path root = tmp.resolve("mlruns");
        try (Tracker t = new FileStoreTracker(root)) {
            t.registry().register("m", "file:///x", null, Map.of(Tags.METRIC_PREFIX + "root", "0.5"));
        }
        Result r = run(new PromoteCommand(() -> new FileStoreTracker(root)), "m", "1");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("metric.thirds"), r.err());
    }

    @Test
    void commandsAreRegisteredAndModelUrisParse() {
        var names = ServiceLoader.load(io.chordflow.common.cli.CliCommand.class).stream()
                .map(p -> p.type().getSimpleName()).toList();
        assertTrue(names.containsAll(java.util.List.of("PromoteCommand", "ModelsCommand")), names.toString());
        assertEquals(new ModelUri("btc", null, "champion"), ModelUri.parse("models:/btc@champion"));
        assertEquals(new ModelUri("btc", "12", null), ModelUri.parse("models:/btc/12"));
    }
}
