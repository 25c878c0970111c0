package io.chordflow.steps.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.chordflow.audio.WavWriter;
import io.chordflow.common.cli.Cli;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code recognize} as a user meets it with bad files (issue 15): each case exits with the
 * policy's code and one line naming the file, never a stack trace.
 */
class RecognizeBadInputTest {
    @TempDir
    Path dir;
    Path model;
    Path audio;

    record Out(int code, String out, String err) {
    }

    Out recognize(String... args) {
        CommandLine cl = Cli.commandLine(new RecognizeCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Out(cl.execute(args), out.toString(), err.toString());
    }

    @BeforeEach
    void modelAndSongs() throws Exception {
        model = dir.resolve("artifacts/model");
        ModelConfig c = new ModelConfig("btc", 25, null, 16, 1, 2, 16, 0.1, 48, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelArtifact.save(model, c, "majmin", FeatureSpec.BTC, new Normalization(0, 1), Models.initialized(c, m, 1));
        }
        audio = Files.createDirectories(dir.resolve("songs"));
        float[] y = new float[22050 * 2];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 22050.0));
        }
        Files.write(audio.resolve("a.wav"), WavWriter.bytes(y, 22050));
        Files.write(audio.resolve("b.wav"), WavWriter.bytes(y, 22050));
    }

    private static void oneLine(Out o) {
        assertEquals(1, o.err.strip().lines().count(), "one line:\n" + o.err);
        assertFalse(o.err.contains("Exception") || o.err.contains("\tat "), "no stack trace or exception name:\n" + o.err);
    }

    @Test
    void aFileUriModelAsTheRegistryRecordsItWorks() {
        Out o = recognize(audio.toString(), "--model", model.toUri().toString(), "--out", dir.resolve("labs").toString());
        assertEquals(Cli.OK, o.code, o.err);
        assertTrue(Files.isRegularFile(dir.resolve("labs/a.lab")));
    }

    @Test
    void truncatedWeightsAreNamed() throws Exception {
        Path w = model.resolve(ModelArtifact.WEIGHTS);
        byte[] all = Files.readAllBytes(w);
        Files.write(w, java.util.Arrays.copyOf(all, all.length / 2));
        Out o = recognize(audio.toString(), "--model", model.toString(), "--out", dir.resolve("labs").toString());
        assertEquals(Cli.BAD_INPUT, o.code, o.err);
        assertTrue(o.err.startsWith("recognize: " + w + ": truncated (" + all.length / 2 + " bytes"), o.err);
        oneLine(o);
    }

    @Test
    void emptyWeightsAreNamed() throws Exception {
        Path w = model.resolve(ModelArtifact.WEIGHTS);
        Files.write(w, new byte[0]);
        Out o = recognize(audio.toString(), "--model", model.toString(), "--out", dir.resolve("labs").toString());
        assertEquals(Cli.BAD_INPUT, o.code, o.err);
        assertEquals("recognize: " + w + ": empty (0 bytes)", o.err.strip());
    }

    @Test
    void missingWeightsAreNamed() throws Exception {
        Path w = model.resolve(ModelArtifact.WEIGHTS);
        Files.delete(w);
        Out o = recognize(audio.toString(), "--model", model.toString(), "--out", dir.resolve("labs").toString());
        assertEquals(Cli.BAD_INPUT, o.code, o.err);
        assertTrue(o.err.startsWith("recognize: " + w + ": missing"), o.err);
        oneLine(o);
    }

    @Test
    void someUnreadableSongsArePartialAndAllUnreadableIsBadInput() throws Exception {
        Files.writeString(audio.resolve("c.mp3"), "not audio".repeat(100));
        Out o = recognize(audio.toString(), "--model", model.toString(), "--out", dir.resolve("labs").toString());
        assertEquals(Cli.PARTIAL, o.code, o.err);
        assertTrue(o.err.contains("recognize: 1 of 3 files skipped"), o.err);
        assertTrue(Files.readString(dir.resolve("labs/skipped.txt")).contains("c.mp3"));
        assertTrue(Files.isRegularFile(dir.resolve("labs/a.lab")), "the good ones are written");

        Out all = recognize(audio.resolve("c.mp3").toString(), "--model", model.toString(), "--out", dir.resolve("labs2").toString());
        assertEquals(Cli.BAD_INPUT, all.code, all.err);
        assertTrue(all.err.contains("no usable input: all 1 files skipped"), all.err);
        oneLine(all);
    }

    @Test
    void helpStatesTheExitCodes() {
        Out o = recognize("--help");
        assertEquals(0, o.code);
        assertTrue(o.out.contains("Exit codes:") && o.out.contains("3   partial") && o.out.contains("--max-skipped"), o.out);
    }
}
