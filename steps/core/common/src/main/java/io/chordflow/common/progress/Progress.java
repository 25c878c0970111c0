package io.chordflow.common.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic progress for long work: "what: done/total units (pct), rate/s, ETA", at most one
 * line per interval (and one at the end), through SLF4J so it lands in step logs too.
 * Not thread-safe for {@link #advance}; steps advance it from one thread.
 */
public final class Progress implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    private final String what;
    private final String unit;
    private final long total;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private double extra;
    private String extraUnit;
    private long lastReport;

    public Progress(String what, long total, String unit) {
        this(what, total, unit, Duration.ofSeconds(10), System::nanoTime);
    }

    public Progress(String what, long total, String unit, Duration interval, LongSupplier nanoClock) {
        this.what = what;
        this.total = total;
        this.unit = unit;
        this.intervalNanos = interval.toNanos();
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastReport = start;
    }

    /** Also shows a running sum of a second quantity, e.g. hours of audio. */
    public Progress withExtra(String extraUnit) {
        this.extraUnit = extraUnit;
        return this;
    }

    public void advance(long units) {
        advance(units, 0);
    }

    public void advance(long units, double extraAmount) {
        done += units;
        extra += extraAmount;
        long now = clock.getAsLong();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            log.info(line(now));
        }
    }

    public long done() {
        return done;
    }

    /** The progress line as it would be printed now. */
    public String line() {
        return line(clock.getAsLong());
    }

    private String line(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / secs;
        StringBuilder sb = new StringBuilder(what).append(": ").append(done);
        if (total > 0) {
            sb.append('/').append(total);
        }
        sb.append(' ').append(unit);
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / total));
        }
        if (extraUnit != null) {
            sb.append(String.format(Locale.ROOT, ", %.2f %s", extra, extraUnit));
        }
        sb.append(String.format(Locale.ROOT, ", %.2f %s/s", rate, unit));
        if (total > 0 && done > 0 && done < total) {
            sb.append(", ETA ").append(format((long) ((total - done) / rate)));
        } else {
            sb.append(", elapsed ").append(format((long) secs));
        }
        return sb.toString();
    }

    static String format(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    @Override
    public void close() {
        log.info(line(clock.getAsLong()));
    }
}
