package io.chordflow.common.cli;

import io.chordflow.common.InputException;
import io.chordflow.common.UnavailableException;
import io.chordflow.common.text.Redact;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs a picocli command with chordflow's exit-code contract, shared by the launcher and by
 * every step's container entry point, and printed by every command's {@code --help}:
 * 0 all good; 2 bad input (usage errors, {@link InputException}, and the file errors a user's
 * file causes: missing, truncated, not UTF-8, in the way), one line naming the file, line or
 * field, no stack trace; 3 partial: some inputs were skipped ({@link SkipPolicy}); 1 internal
 * error. Messages are printed with credentials removed from any URI in them ({@link Redact}).
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int PARTIAL = 3;

    /** The policy as {@code --help} lists it. */
    public static final Map<String, String> EXIT_CODES = exitCodes();

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(Cli::handle);
        describeExitCodes(cl);
        return cl;
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Integer.toString(OK), "all good");
        m.put(Integer.toString(BAD_INPUT), "bad input: one line names the file, line or field");
        m.put(Integer.toString(PARTIAL), "partial: some inputs were skipped (count and list on stderr; --max-skipped makes it fatal)");
        m.put(Integer.toString(FAILED), "internal error");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Adds the exit-code policy to the {@code --help} of {@code cl} and of its subcommands (added so far). */
    public static void describeExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        cl.getSubcommands().values().forEach(Cli::describeExitCodes);
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
        String input = badInput(e);
        if (input != null) {
            err.println(cl.getCommandName() + ": " + Redact.uris(input));
            err.flush();
            return BAD_INPUT;
        }
        log.debug("command failed", e);
        UnavailableException down = cause(e, UnavailableException.class);
        err.println(cl.getCommandName() + ": " + (down != null ? Redact.uris(down.getMessage())
                : "error: " + Redact.uris(String.valueOf(e))));
        err.flush();
        return FAILED;
    }

    /**
     * The one-line message when {@code e} (or a cause) is bad input: an {@link InputException},
     * or a file-system error about a named file that the user gave (missing, in the way, not
     * readable, not a folder). Null for anything else (an internal error).
     */
    static String badInput(Throwable e) {
        InputException ie = inputCause(e);
        if (ie != null) {
            return ie.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fe && fe.getFile() != null) {
                String what = fe instanceof NoSuchFileException ? "no such file or folder"
                        : fe instanceof FileAlreadyExistsException ? "already exists (and is in the way)"
                        : fe instanceof AccessDeniedException ? "permission denied"
                        : fe instanceof NotDirectoryException ? "not a folder"
                        : fe instanceof DirectoryNotEmptyException ? "folder not empty"
                        : null;
                if (what != null) {
                    return fe.getFile() + ": " + what;
                }
            }
            if (t instanceof CharacterCodingException) {
                return "a text file is not UTF-8 (" + t + ")";
            }
        }
        return null;
    }

    private static InputException inputCause(Throwable e) {
        return cause(e, InputException.class);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
