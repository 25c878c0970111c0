package io.chordflow.workflows.plan;

import io.chordflow.common.InputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code chordflow plan}'s cost table, and its refusal of a task whose memory would pass its pod's limit. */
public final class CostTable {
    private CostTable() {
    }

    /**
     * Prints one line per task and the totals; throws an input error (exit 2) naming the first task
     * whose estimated peak memory is above its pod limit.
     *
     * @param what the spec file and profile, for the refusal's message
     */
    public static void print(PrintWriter out, List<StepCost> costs, Rates rates, String what) {
        int width = Math.max(4, costs.stream().mapToInt(c -> c.task().length()).max().orElse(4));
        out.printf(Locale.ROOT, "%nestimated cost (rates measured on %s; GPU steps at the CPU rate, no GPU figure recorded):%n",
                rates.machine());
        out.printf(Locale.ROOT, "%-" + width + "s  %-17s %5s %9s %9s %10s %10s %10s  %s%n", "task", "step", "pool", "CPU-h",
                "GPU-h", "written", "peak mem", "limit", "data");
        double cpu = 0;
        double gpu = 0;
        long written = 0;
        for (StepCost c : costs) {
            out.printf(Locale.ROOT, "%-" + width + "s  %-17s %5s %9s %9s %10s %10s %10s  %s%s%n", c.task(), c.step(),
                    c.gpu() ? "gpu" : "cpu", c.gpu() ? "-" : hours(c.hours()), c.gpu() ? hours(c.hours()) : "-",
                    bytes(c.bytesWritten()), bytes(c.peakBytes()), c.limitBytes() > 0 ? bytes(c.limitBytes()) : "-", c.data(),
                    c.overLimit() ? "  OVER THE LIMIT" : "");
            cpu += c.gpu() ? 0 : c.hours();
            gpu += c.gpu() ? c.hours() : 0;
            written += Math.max(0, c.bytesWritten());
        }
        out.printf(Locale.ROOT, "total: %s CPU-hours, %s GPU-hours (training at most: early stopping may end sooner), %s written (synth's audio not counted)%n",
                hours(cpu), hours(gpu), bytes(written));
        out.flush();
        for (StepCost c : costs) {
            if (c.overLimit()) {
                throw new InputException(what + ": task " + c.task() + " (" + c.step() + ") would need ~" + bytes(c.peakBytes())
                        + " of memory, above its pod limit of " + bytes(c.limitBytes()) + " (compute." + (c.gpu() ? "gpu" : "cpu")
                        + ".limits.memory)" + hint(c));
            }
        }
    }

    /** What would lower a refused training's memory. */
    private static String hint(StepCost c) {
        if (c.data().equals("streamed")) {
            return "; it streams its songs, holding the download cache of shard files and the batches made ahead: more shards"
                    + " of its split (shards.SPLIT) make the cached files smaller";
        }
        if (c.step().equals("train") || c.step().equals("kd-finetune")) {
            return "; its songs are loaded whole: only a train step's pseudo-labelled songs above its in-memory limit are"
                    + " streamed (from the shards of features-shards and teacher-inference)";
        }
        return "";
    }

    static String hours(double h) {
        return h == 0 ? "0" : h < 0.01 ? "<0.01" : String.format(Locale.ROOT, "%.2f", h);
    }

    static String bytes(long b) {
        if (b < 0) {
            return "?";
        }
        if (b < 1L << 20) {
            return b == 0 ? "0" : "<1 MiB";
        }
        if (b < 1L << 30) {
            return String.format(Locale.ROOT, "%.0f MiB", b / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.1f GiB", b / 1073741824.0);
    }
}
