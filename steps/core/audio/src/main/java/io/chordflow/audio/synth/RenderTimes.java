package io.chordflow.audio.synth;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Time spent per source and per production stage, against the seconds of audio each processed, so a run can
 * report its render rate (x real time per core) per source. Work inside the JVM is timed in thread CPU time,
 * which a loaded machine does not inflate; work in a child process (fluidsynth, ffmpeg) in wall time, which it
 * does. Timing only: it never touches the output.
 */
final class RenderTimes {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private final Map<String, DoubleAdder[]> m = new ConcurrentHashMap<>();

    /** Now, in this thread's CPU nanoseconds (wall nanoseconds where the JVM cannot tell). */
    static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    void add(String what, long nanos, double audioSeconds) {
        DoubleAdder[] a = m.computeIfAbsent(what, k -> new DoubleAdder[] {new DoubleAdder(), new DoubleAdder()});
        a[0].add(nanos / 1e9);
        a[1].add(audioSeconds);
    }

    /** what -> {"seconds", "audio_seconds", "x_realtime"}. */
    Map<String, Map<String, Double>> summary() {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        m.forEach((k, v) -> {
            double s = v[0].sum();
            double a = v[1].sum();
            out.put(k, Map.of("seconds", Math.round(s * 100) / 100.0, "audio_seconds", Math.round(a * 10) / 10.0,
                    "x_realtime", Math.round(a / Math.max(1e-9, s) * 10) / 10.0));
        });
        return out;
    }
}
