package io.chordflow.workflows.local;

import io.chordflow.workflows.local.LocalRunner.Result;
import io.chordflow.workflows.local.LocalRunner.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a local run prints: one line per task as it ends ({@code [n/N] task status detail}, the
 * last lines of a failed task's log), then the summary table and the logs of the tasks whose
 * output is the run's result (the comparison table).
 */
final class RunReport {
    private final PrintStream out;
    private final int total;
    private final int width;
    private int reported;

    RunReport(PrintStream out, List<LocalTask> tasks) {
        this.out = out;
        this.total = tasks.size();
        this.width = tasks.stream().mapToInt(t -> t.name().length()).max().orElse(10);
    }

    /** One task has ended (or was decided: cached, skipped, no step program). */
    synchronized void task(Result r) {
        reported++;
        String status = switch (r.status()) {
            case OK -> "ok";
            case CACHED -> "cached";
            case FAILED -> "FAILED (exit " + r.exitCode() + ")";
            case NOT_RUN -> "not run";
            case NO_STEP -> "no step program";
            case SKIPPED -> "skipped (condition)";
        };
        String params = r.parameters().isEmpty() ? "" : "  " + r.parameters();
        out.printf(Locale.ROOT, "[%" + Integer.toString(total).length() + "d/%d] %-" + width + "s  %-16s %s%s%n", reported, total,
                r.task(), status,
                r.status() == Status.CACHED ? "from cache, key " + r.key().substring(0, 12)
                        : r.status() == Status.NO_STEP ? "main class not on the class path"
                        : r.status() == Status.SKIPPED ? "when " + r.detail() + " is false"
                        : r.detail() != null ? r.detail()
                        : String.format(Locale.ROOT, "%.1fs", r.wallSeconds()), params);
        if (r.status() == Status.FAILED && r.log() != null) {
            out.println("    log: " + r.log());
            try {
                List<String> lines = Files.readAllLines(r.log(), StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 10), lines.size()).forEach(l -> out.println("    | " + l));
            } catch (IOException | UncheckedIOException e) {
                out.println("    (log unreadable: " + e.getMessage() + ")");
            }
        }
        out.flush();
    }

    /** The table of every task, the counts, and what to do after a failure. */
    void summary(List<Result> all) {
        out.println();
        out.printf(Locale.ROOT, "%-" + width + "s  %-8s %-7s %9s%n", "task", "status", "cached", "wall");
        double wall = 0;
        for (Result r : all) {
            out.printf(Locale.ROOT, "%-" + width + "s  %-8s %-7s %8.1fs%n", r.task(),
                    switch (r.status()) {
                        case FAILED -> "FAILED";
                        case NOT_RUN -> "not run";
                        case NO_STEP -> "no step";
                        case SKIPPED -> "skipped";
                        default -> "ok";
                    },
                    r.status() == Status.CACHED ? "yes" : "no", r.wallSeconds());
            wall += r.wallSeconds();
        }
        long failed = all.stream().filter(r -> r.status() == Status.FAILED).count();
        long cached = all.stream().filter(r -> r.status() == Status.CACHED).count();
        long notRun = all.stream().filter(r -> r.status() == Status.NOT_RUN || r.status() == Status.NO_STEP).count();
        long skipped = all.stream().filter(r -> r.status() == Status.SKIPPED).count();
        out.printf(Locale.ROOT, "%d tasks: %d ran, %d from cache, %s%d failed, %d not run; %.1fs of task time%n",
                all.size(), all.size() - cached - failed - notRun - skipped, cached,
                skipped > 0 ? skipped + " skipped (condition), " : "", failed, notRun, wall);
        if (failed > 0) {
            out.println("fix the failure and run again: completed tasks come from the cache");
        }
        out.flush();
    }

    /** The logs of the tasks marked {@code show-log} that ran (the comparison table, the rounds report). */
    void shownLogs(List<LocalTask> tasks, Map<String, Result> results) {
        for (LocalTask t : tasks) {
            Result r = results.get(t.name());
            if (t.showLog() && r != null && r.status() == Status.OK && r.log() != null) {
                try {
                    out.println();
                    out.print(Files.readString(r.log(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.println("(" + t.name() + ": log unreadable: " + e.getMessage() + ")");
                }
            }
        }
        out.flush();
    }
}
