package io.chordflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChordflowTest {
    @Test
    void unknownSubcommandIsUsageErrorExitTwo() {
        CommandLine cl = Chordflow.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("no-such-command"));
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }

    @Test
    void helpListsRegisteredSubcommands() {
        CommandLine cl = Chordflow.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        assertTrue(cl.getSubcommands().containsKey("eval-chords"), "modules register their commands");
        assertTrue(cl.getSubcommands().containsKey("eval-beats"), "the beats module registers eval-beats");
        assertTrue(cl.getSubcommands().containsKey("eval-segments"), "the segments module registers eval-segments");
        for (String name : cl.getSubcommands().keySet()) {
            assertTrue(out.toString().contains(name), name);
        }
    }
}
