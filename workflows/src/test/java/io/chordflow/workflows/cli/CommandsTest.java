package io.chordflow.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate / render through their picocli commands, as bin/chordflow runs them. */
class CommandsTest {
    static final Path ROOT = Path.of(System.getProperty("chordflow.root", "..")).toAbsolutePath().normalize();

    @Test
    void renderPrintsTheCommittedYaml() throws Exception {
        var o = SubmitMockServerTest.exec(new RenderCommand(), "btc-kd");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(ROOT.resolve("workflows/rendered/btc-kd.yaml")).equals(o.out()),
                "render btc-kd differs from workflows/rendered/btc-kd.yaml (see RenderedTest for the refresh command)");
        var smoke = SubmitMockServerTest.exec(new RenderCommand(), "btc-kd", "--profile", "smoke");
        assertTrue(smoke.out().contains("generateName: btc-kd-smoke-"), smoke.out());
    }

    @Test
    void validateChecksEveryProfile() {
        var o = SubmitMockServerTest.exec(new ValidateCommand(), "2e1d-kd");
        assertEquals(0, o.code(), o.err());
        for (String p : new String[] {"default", "smoke", "full"}) {
            assertTrue(o.out().contains("(profile " + p + "): ok, 24 tasks"), o.out());
        }
    }

    @Test
    void runOpensAParentRunAndReportsMissingStepsWithoutRunningThem(@TempDir Path state) throws Exception {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        SubmitMockServerTest.Outcome o;
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            o = SubmitMockServerTest.exec(new RunCommand(), "supervised", "--profile", "smoke", "--skip-missing",
                    "--state", state.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, o.code(), "an incomplete run exits 1: " + o.err() + out);
        assertTrue(out.contains("no step program") && out.contains("not run"), out);
        var m = java.util.regex.Pattern.compile("mlflow parent run ([0-9a-f]+) in (file:\\S+)").matcher(out);
        assertTrue(m.find(), out);
        try (var tracker = io.chordflow.tracking.Trackers.from(java.util.Map.of("MLFLOW_TRACKING_URI", m.group(2)))) {
            var run = tracker.getRun(m.group(1));
            assertEquals("supervised-smoke-local", run.runName());
            assertEquals(io.chordflow.tracking.RunStatus.FAILED, run.status());
        }
        assertTrue(m.group(2).startsWith("file://" + state), "mlruns under --state: " + m.group(2));
    }

    @Test
    void aBadSpecExitsTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: bad\nseed: 1\nmodel: {arch: btc}\ndatasets: {uris: {labeled: s3://b/l, test: ftp://x/t}}\n"
                + "pipeline: supervised\nregistration: {model: m, candidate: baseline}\n");
        var o = SubmitMockServerTest.exec(new ValidateCommand(), f.toString());
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(f + ": field datasets.uris.test: unsupported URI scheme 'ftp:'"), o.err());
    }
}
