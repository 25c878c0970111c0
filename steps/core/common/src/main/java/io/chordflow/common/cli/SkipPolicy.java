package io.chordflow.common.cli;

import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The partial-failure half of the exit-code policy, for commands that work through many inputs
 * (a mixin: {@code @Mixin SkipPolicy skips}). A bad input among many is reported and skipped; at
 * the end: none skipped -> {@link Cli#OK}; some -> {@link Cli#PARTIAL} with the count on stderr
 * and the list ("input: reason" per line) in a file; every input skipped (no usable input), or
 * more than {@code --max-skipped} -> bad input ({@link Cli#BAD_INPUT}), and the command writes
 * no output manifest.
 */
public final class SkipPolicy {
    @Option(names = "--max-skipped", paramLabel = "N|P%",
            description = "fail (exit 2) when more than N inputs, or more than P% of them, are skipped as unreadable;"
                    + " default: any number (exit 3 when some are)")
    String maxSkipped;

    public SkipPolicy() {
    }

    public SkipPolicy(String maxSkipped) {
        this.maxSkipped = maxSkipped;
    }

    /** Checks the option's form before any work is done (throws {@link InputException}). */
    public void validate() {
        limit(0);
    }

    /** The limit for {@code total} inputs: Long.MAX_VALUE without one. */
    long limit(int total) {
        if (maxSkipped == null || maxSkipped.isBlank()) {
            return Long.MAX_VALUE;
        }
        String s = maxSkipped.strip();
        try {
            if (s.endsWith("%")) {
                double p = Double.parseDouble(s.substring(0, s.length() - 1));
                if (p < 0 || p > 100 || Double.isNaN(p)) {
                    throw new NumberFormatException();
                }
                return (long) Math.floor(total * p / 100 + 1e-9);
            }
            long n = Long.parseLong(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InputException("--max-skipped '" + maxSkipped + "': expected a count N >= 0 or a percentage P% (0-100)");
        }
    }

    /**
     * Decides the exit code once the inputs are done; call before writing an output manifest
     * (it throws when there is no usable input).
     *
     * @param command the command's name (the stderr line starts with it)
     * @param noun    what the inputs are ("files", "songs")
     * @param total   inputs tried
     * @param skipped one "input: reason" line per skipped input
     * @param list    where the list of skipped inputs is written (null: none is written)
     * @return {@link Cli#OK} or {@link Cli#PARTIAL}
     * @throws InputException no usable input, or more skipped than {@code --max-skipped}
     */
    public int outcome(String command, String noun, int total, List<String> skipped, Path list, PrintWriter err) throws IOException {
        long limit = limit(total);
        if (skipped.isEmpty()) {
            return Cli.OK;
        }
        String where = "";
        if (list != null) {
            AtomicFiles.write(list, (String.join("\n", skipped) + "\n").getBytes(StandardCharsets.UTF_8));
            where = ", list: " + list;
        }
        if (skipped.size() >= total) {
            throw new InputException(String.format(Locale.ROOT, "no usable input: all %d %s skipped (e.g. %s%s)",
                    total, noun, skipped.get(0), where));
        }
        if (skipped.size() > limit) {
            throw new InputException(String.format(Locale.ROOT, "%d of %d %s skipped, more than --max-skipped %s (e.g. %s%s)",
                    skipped.size(), total, noun, maxSkipped, skipped.get(0), where));
        }
        err.println(String.format(Locale.ROOT, "%s: %d of %d %s skipped (exit %d; e.g. %s%s)", command, skipped.size(), total,
                noun, Cli.PARTIAL, skipped.get(0), where));
        err.flush();
        return Cli.PARTIAL;
    }
}
