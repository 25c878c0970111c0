package io.chordflow.audio.bench;

import io.chordflow.audio.cqt.CqtFeatures;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * CQT feature extraction speed on one core: prints the real-time factor (seconds of audio per second of
 * compute, by wall clock and by the thread's CPU time) for each measured iteration, for 60 s and 600 s clips of music-like audio at 22050 Hz.
 * {@code make bench}; JMH's own score is milliseconds per clip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class CqtBenchmark {
    @Param({"60", "600"})
    public int seconds;

    private float[] audio;
    private long calls;
    private long started;
    private long startedCpu;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    public void render() {
        SplittableRandom rnd = new SplittableRandom(1);
        int sr = CqtFeatures.SPEC.sampleRate();
        audio = new float[seconds * sr];
        double[] f = {110, 220, 277.2, 329.6, 440, 880};
        for (int i = 0; i < audio.length; i++) {
            double t = (double) i / sr;
            double v = 0;
            for (double x : f) {
                v += 0.1 * Math.sin(2 * Math.PI * x * t * (1 + 0.01 * Math.sin(t)));
            }
            audio[i] = (float) (v + 0.01 * (rnd.nextDouble() - 0.5));
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        calls = 0;
        started = System.nanoTime();
        startedCpu = CPU.getCurrentThreadCpuTime(); // iteration fixtures run on the benchmark thread
    }

    @TearDown(Level.Iteration)
    public void reportIteration() {
        double secs = (System.nanoTime() - started) / 1e9;
        double cpu = (CPU.getCurrentThreadCpuTime() - startedCpu) / 1e9;
        // wall clock is what a user sees; thread CPU time is robust to other load on a shared machine
        System.out.printf(Locale.ROOT, "%n  CQT real-time factor, %d s clip, 1 thread: %.0fx wall clock, %.0fx per CPU second%n",
                seconds, calls * (double) seconds / secs, calls * (double) seconds / cpu);
    }

    @Benchmark
    public float[][] cqt() {
        calls++;
        return CqtFeatures.compute(audio);
    }
}
