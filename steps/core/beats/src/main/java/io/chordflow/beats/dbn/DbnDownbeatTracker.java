package io.chordflow.beats.dbn;

import io.chordflow.beats.Beat;
import java.util.ArrayList;
import java.util.List;

/**
 * Beats and downbeats from frame-level activations with a dynamic Bayesian network, a port of
 * madmom's {@code DBNDownBeatTrackingProcessor} (Böck, Krebs, Widmer, ISMIR 2016): the bar-pointer
 * model of {@link BarStateSpace} for each bar length in {@link DbnSettings#beatsPerBar()}, decoded
 * with Viterbi ({@link BarHmm}); the bar length whose best path is likelier wins.
 *
 * <p>Input: one row per frame, {@code {P(beat), P(downbeat)}} (madmom's layout; a model with
 * beat / downbeat / non-beat outputs gives its first two columns, see {@link #activations}), at
 * {@link DbnSettings#fps()} frames per second. Steps, as madmom:
 * <ol>
 * <li>keep frames from the first to the last one where either activation reaches
 *     {@code threshold} (the offset is added back to the times);</li>
 * <li>decode each bar length; take the likeliest;</li>
 * <li>with {@code correct}, each run of frames whose state is in a beat part becomes one beat, at
 *     the run's frame with the highest beat or downbeat activation; without it, a beat is where
 *     the beat number changes;</li>
 * <li>a beat's position is the integer part of its state's bar position, plus 1.</li>
 * </ol>
 * With {@link DbnSettings#upsample()} above 1 the activations are first interpolated to the
 * decoding rate (a chordflow addition for low frame rates; 1 is madmom's behaviour).
 * Differences from madmom: activations must be in [0, 1] with {@code P(beat) + P(downbeat) <= 1}
 * (up to 1e-6 of rounding, clamped; madmom would take a log of a negative number); and when the
 * only frame over the threshold is frame 0 madmom's {@code idx.any()} test drops it, here it is
 * kept.
 */
public final class DbnDownbeatTracker {
    private final DbnSettings settings;
    private final List<BarHmm> hmms = new ArrayList<>();

    public DbnDownbeatTracker(DbnSettings settings) {
        this.settings = settings;
        for (int beats : settings.beatsPerBar()) {
            BarStateSpace space = new BarStateSpace(beats, settings.minInterval(), settings.maxInterval(), settings.numTempi());
            hmms.add(new BarHmm(space, settings.transitionLambda(), settings.observationLambda()));
        }
    }

    public DbnSettings settings() {
        return settings;
    }

    /** The state spaces, one per bar length (for inspection). */
    public List<BarStateSpace> stateSpaces() {
        return hmms.stream().map(BarHmm::space).toList();
    }

    /**
     * {@code {P(beat), P(downbeat)}} rows from a model's per-frame class probabilities, taking the
     * given columns (paper 2's model: beat, downbeat, non-beat).
     */
    public static double[][] activations(float[][] probabilities, int beatColumn, int downbeatColumn) {
        double[][] out = new double[probabilities.length][];
        for (int t = 0; t < probabilities.length; t++) {
            out[t] = new double[] {probabilities[t][beatColumn], probabilities[t][downbeatColumn]};
        }
        return out;
    }

    /** Beats with their position in the bar (1 = downbeat), times in seconds. */
    public List<Beat> track(double[][] input) {
        check(input);
        double[][] activations = upsample(input, settings.upsample());
        int first = 0;
        int last = activations.length;
        if (settings.threshold() > 0) {
            first = -1;
            for (int t = 0; t < activations.length; t++) {
                if (activations[t][0] >= settings.threshold() || activations[t][1] >= settings.threshold()) {
                    if (first < 0) {
                        first = t;
                    }
                    last = t + 1;
                }
            }
            if (first < 0) {
                return List.of();
            }
        }
        boolean any = false;
        for (int t = first; t < last && !any; t++) {
            any = activations[t][0] != 0 || activations[t][1] != 0;
        }
        if (!any) {
            return List.of();
        }
        double[][] act = java.util.Arrays.copyOfRange(activations, first, last);
        double[][] log = logDensities(act);
        BarHmm best = null;
        BarHmm.Decoded decoded = null;
        for (BarHmm hmm : hmms) {
            BarHmm.Decoded d = hmm.viterbi(log);
            if (decoded == null || d.logProbability() > decoded.logProbability()) {
                best = hmm;
                decoded = d;
            }
        }
        int[] path = decoded.path();
        if (path.length == 0) {
            return List.of();
        }
        List<Integer> frames = settings.correct() ? peaks(best, path, act) : changes(best, path);
        List<Beat> out = new ArrayList<>(frames.size());
        for (int f : frames) {
            int position = (int) best.space().position(path[f]) + 1;
            out.add(new Beat((f + first) / settings.decodingFps(), position));
        }
        return out;
    }

    /** Downbeat times of {@link #track}. */
    public double[] downbeats(double[][] activations) {
        return track(activations).stream().filter(Beat::isDownbeat).mapToDouble(Beat::time).toArray();
    }

    /** Linear interpolation to {@code factor} times the frame rate; the last frame is held. */
    static double[][] upsample(double[][] act, int factor) {
        if (factor == 1) {
            return act;
        }
        double[][] out = new double[act.length * factor][2];
        for (int t = 0; t < out.length; t++) {
            int i = t / factor;
            double w = (double) (t % factor) / factor;
            int j = Math.min(i + 1, act.length - 1);
            out[t][0] = (1 - w) * act[i][0] + w * act[j][0];
            out[t][1] = (1 - w) * act[i][1] + w * act[j][1];
        }
        return out;
    }

    private double[][] logDensities(double[][] act) {
        double nonBeatShare = settings.observationLambda() - 1;
        double[][] out = new double[act.length][3];
        for (int t = 0; t < act.length; t++) {
            double sum = act[t][0] + act[t][1];
            out[t][BarHmm.NON_BEAT] = Math.log(Math.max(0, 1.0 - sum) / nonBeatShare);
            out[t][BarHmm.BEAT] = Math.log(act[t][0]);
            out[t][BarHmm.DOWNBEAT] = Math.log(act[t][1]);
        }
        return out;
    }

    /** Each run of beat-part frames gives one beat at its strongest activation (first maximum, beat before downbeat). */
    private static List<Integer> peaks(BarHmm hmm, int[] path, double[][] act) {
        List<Integer> out = new ArrayList<>();
        int t = 0;
        while (t < path.length) {
            if (hmm.pointer(path[t]) < BarHmm.BEAT) {
                t++;
                continue;
            }
            int left = t;
            while (t < path.length && hmm.pointer(path[t]) >= BarHmm.BEAT) {
                t++;
            }
            int peak = left;
            double max = Double.NEGATIVE_INFINITY;
            for (int f = left; f < t; f++) {
                for (int c = 0; c < 2; c++) {
                    if (act[f][c] > max) {
                        max = act[f][c];
                        peak = f;
                    }
                }
            }
            out.add(peak);
        }
        return out;
    }

    private static List<Integer> changes(BarHmm hmm, int[] path) {
        List<Integer> out = new ArrayList<>();
        for (int t = 1; t < path.length; t++) {
            if ((int) hmm.space().position(path[t]) != (int) hmm.space().position(path[t - 1])) {
                out.add(t);
            }
        }
        return out;
    }

    private static void check(double[][] act) {
        for (int t = 0; t < act.length; t++) {
            if (act[t].length != 2) {
                throw new IllegalArgumentException("frame " + t + ": expected {P(beat), P(downbeat)}, got " + act[t].length + " values");
            }
            double b = act[t][0];
            double d = act[t][1];
            if (!(b >= 0 && b <= 1 && d >= 0 && d <= 1 && b + d <= 1 + 1e-6)) {
                throw new IllegalArgumentException("frame " + t + ": activations " + b + ", " + d
                        + " are not probabilities with P(beat) + P(downbeat) <= 1");
            }
        }
    }
}
