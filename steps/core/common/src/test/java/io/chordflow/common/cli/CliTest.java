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
    void usageErrorIsExitTwo() {
        assertEquals(Cli.BAD_INPUT, run(new StringWriter()));
        assertEquals(Cli.OK, run(new StringWriter(), "fine"));
    }
}
