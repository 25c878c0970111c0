package io.chordflow.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class CliTest {
    @Command(name = "demo")
    static class Demo implements Callable<Integer> {
        @Parameters String what;

        @Override
        public Integer call() {
            if (what.equals("bad")) {
                throw new InputException("x.lab line 3: label 'H:maj' is not valid Harte syntax");
            }
            if (what.equals("boom")) {
                throw new IllegalStateException("disk on fire");
            }
            if (what.equals("secret")) {
                throw new InputException("MLFLOW_TRACKING_URI=http://user:password@mlflow:5000: unreachable");
            }
            if (what.equals("leak")) {
                throw new IllegalStateException("GET http://admin:hunter2@minio:9000/b failed");
            }
            if (what.equals("exists")) {
                throw new java.io.UncheckedIOException(new java.nio.file.FileAlreadyExistsException("/data/feats"));
            }
            if (what.equals("down")) {
                throw new IllegalStateException("listing failed", new io.chordflow.common.UnavailableException(
                        "MLflow server http://u:pw@mlflow:5000 unreachable (ConnectException: Connection refused)", null));
            }
            if (what.equals("gone")) {
                throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/data/model/weights.params"));
            }
            return 0;
        }
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine(new Demo());
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void badInputIsExitTwoWithOneLine() {
        StringWriter err = new StringWriter();
        assertEquals(Cli.BAD_INPUT, run(err, "bad"));
        assertEquals("demo: x.lab line 3: label 'H:maj' is not valid Harte syntax", err.toString().strip());
    }

    @Test
    void failureIsExitOneWithoutStackTrace() {
        StringWriter err = new StringWriter();
        assertEquals(Cli.FAILED, run(err, "boom"));
        assertTrue(err.toString().contains("disk on fire"));
        assertFalse(err.toString().contains("\tat "));
    }

    @Test
    void anUnreachableServerIsExitOneWithItsOwnLine() {
        StringWriter err = new StringWriter();
        assertEquals(Cli.FAILED, run(err, "down"));
        assertEquals("demo: MLflow server http://***@mlflow:5000 unreachable (ConnectException: Connection refused)",
                err.toString().strip());
    }

    @Test
    void usageErrorIsExitTwo() {
        assertEquals(Cli.BAD_INPUT, run(new StringWriter()));
        assertEquals(Cli.OK, run(new StringWriter(), "fine"));
    }

    @Test
    void credentialsInPrintedUrisAreRedacted() {
        StringWriter err = new StringWriter();
        assertEquals(Cli.BAD_INPUT, run(err, "secret"));
        assertEquals("demo: MLFLOW_TRACKING_URI=http://***@mlflow:5000: unreachable", err.toString().strip());
        StringWriter err2 = new StringWriter();
        assertEquals(Cli.FAILED, run(err2, "leak"));
        assertFalse(err2.toString().contains("hunter2"), err2.toString());
    }

    @Test
    void fileErrorsOfTheUsersFilesAreBadInputNamingTheFile() {
        StringWriter err = new StringWriter();
        assertEquals(Cli.BAD_INPUT, run(err, "exists"));
        assertEquals("demo: /data/feats: already exists (and is in the way)", err.toString().strip());
        StringWriter err2 = new StringWriter();
        assertEquals(Cli.BAD_INPUT, run(err2, "gone"));
        assertEquals("demo: /data/model/weights.params: no such file or folder", err2.toString().strip());
    }

    @Test
    void helpListsTheExitCodePolicy() {
        CommandLine cl = Cli.commandLine(new Demo());
        String help = cl.getUsageMessage();
        assertTrue(help.contains("Exit codes:"), help);
        for (String code : new String[] {"0   all good", "2   bad input", "3   partial", "1   internal error"}) {
            assertTrue(help.contains(code), code + " in\n" + help);
        }
    }

    @Test
    void maxSkippedTakesACountOrAPercentage() {
        assertEquals(Long.MAX_VALUE, new SkipPolicy().limit(10));
        assertEquals(4, new SkipPolicy("4").limit(10));
        assertEquals(2, new SkipPolicy("25%").limit(10), "floor(2.5)");
        assertEquals(0, new SkipPolicy("0%").limit(10));
        for (String bad : new String[] {"-1", "120%", "x", "5 %%"}) {
            org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> new SkipPolicy(bad).limit(10), bad);
        }
    }
}
