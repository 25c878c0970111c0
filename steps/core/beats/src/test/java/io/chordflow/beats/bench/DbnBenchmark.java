package io.chordflow.beats.bench;

import io.chordflow.beats.dbn.ClickTracks;
import io.chordflow.beats.dbn.DbnDownbeatTracker;
import io.chordflow.beats.dbn.DbnSettings;
import java.util.List;
import java.util.Locale;
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
 * DBN downbeat decoding speed on one core: prints activation frames decoded per second (wall
 * clock and thread CPU time) for a 10-minute song of 20 fps activations, bar lengths 3 and 4,
 * decoded at 20 fps (madmom exactly) and at 100 fps (paper 2's setting, upsample 5).
 * {@code make bench}; JMH's own score is milliseconds per song.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class DbnBenchmark {
    private static final double SECONDS = 600;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    @Param({"1", "5"})
    public int upsample;

    private double[][] activations;
    private DbnDownbeatTracker tracker;
    private long calls;
    private long started;
    private long startedCpu;

    @Setup(Level.Trial)
    public void prepare() {
        double[] beats = ClickTracks.beatTimes(0.4, SECONDS - 1, t -> 100 + 20 * Math.sin(t / 60));
        activations = ClickTracks.activations(beats, 4, 20, SECONDS, 1);
        tracker = new DbnDownbeatTracker(DbnSettings.defaults(List.of(3, 4), 20).withUpsample(upsample));
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        calls = 0;
        started = System.nanoTime();
        startedCpu = CPU.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void reportIteration() {
        double secs = (System.nanoTime() - started) / 1e9;
        double cpu = (CPU.getCurrentThreadCpuTime() - startedCpu) / 1e9;
        double frames = calls * (double) activations.length;
        System.out.printf(Locale.ROOT, "%n  DBN downbeats, 20 fps input decoded at %d fps, bars of 3 and 4: %.0f input frames/s wall clock, %.0f per CPU second (%.0fx real time)%n",
                20 * upsample, frames / secs, frames / cpu, calls * SECONDS / cpu);
    }

    @Benchmark
    public int decode() {
        calls++;
        return tracker.track(activations).size();
    }
}
