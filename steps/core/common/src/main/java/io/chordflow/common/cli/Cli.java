package io.chordflow.common.cli;

import io.chordflow.common.InputException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs a picocli command with chordflow's exit-code contract, shared by the launcher and by
 * every step's container entry point: 0 success, 1 failure, 2 bad input (usage errors and
 * {@link InputException}), with one line on stderr and no stack trace for bad input.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(Cli::handle);
        return cl;
    }

    /** Runs {@code command} with {@code args} and returns the exit code. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** For a step's {@code main}: runs and exits with the code. */
    public static void main(Object command, String... args) {
        System.exit(execute(command, args));
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        InputException input = inputCause(e);
        if (input != null) {
            err.println(cl.getCommandName() + ": " + input.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        log.debug("command failed", e);
        err.println(cl.getCommandName() + ": error: " + e);
        err.flush();
        return FAILED;
    }

    private static InputException inputCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputException ie) {
                return ie;
            }
        }
        return null;
    }
}
