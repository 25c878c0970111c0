package io.chordflow.audio.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a song: a key (major 70%, minor 30%), tempo, metre, sections of repeated 4-chord loops drawn
 * from functional harmony, and the parts that play them (comping chords in varying voicings and
 * inversions, a bass line, a melody with non-chord tones, drums). Qualities come from the scale's
 * diatonic triads and sevenths, plus occasional colour (sus, 6ths, aug, dim7, minmaj7, secondary
 * dominants, borrowed chords), which gives the class imbalance of real pop/rock/jazz-lite corpora:
 * maj and min dominate, 7ths are common, the rest rare but present. All randomness comes from the
 * {@link SplittableRandom} passed in, so a seed fixes the song.
 */
final class Composer {
    static final String[] NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    private static final Quality[] MAJOR_TRIADS = {Quality.MAJ, Quality.MIN, Quality.MIN, Quality.MAJ, Quality.MAJ,
        Quality.MIN, Quality.DIM};
    private static final Quality[] MAJOR_SEVENTHS = {Quality.MAJ7, Quality.MIN7, Quality.MIN7, Quality.MAJ7,
        Quality.DOM7, Quality.MIN7, Quality.HDIM7};
    private static final Quality[] MINOR_TRIADS = {Quality.MIN, Quality.DIM, Quality.MAJ, Quality.MIN, Quality.MIN,
        Quality.MAJ, Quality.MAJ};
    private static final Quality[] MINOR_SEVENTHS = {Quality.MIN7, Quality.HDIM7, Quality.MAJ7, Quality.MIN7,
        Quality.MIN7, Quality.MAJ7, Quality.DOM7};
    /** How likely each scale degree (I..vii) is to follow in a loop. */
    private static final double[] DEGREE_WEIGHTS = {0.2, 0.13, 0.06, 0.2, 0.22, 0.16, 0.025};
    private static final Timbre[] COMP = {Timbre.PIANO, Timbre.ORGAN, Timbre.PAD, Timbre.EPIANO, Timbre.PLUCK};
    private static final Timbre[] LEAD = {Timbre.REED, Timbre.FLUTE, Timbre.PAD, Timbre.EPIANO, Timbre.PLUCK, Timbre.ORGAN};

    /** One chord of the progression, in beats from the start of the music. */
    record Chord(int root, Quality quality, int bassInterval, double startBeat, double beats) {
        String label() {
            String s = NAMES[root] + ":" + quality.harte();
            return bassInterval == 0 ? s : s + "/" + quality.degree(bassInterval);
        }

        int[] pitchClasses() {
            int[] iv = quality.intervals();
            for (int i = 0; i < iv.length; i++) {
                iv[i] = (root + iv[i]) % 12;
            }
            return iv;
        }
    }

    private final int sr;

    Composer(int sampleRate) {
        this.sr = sampleRate;
    }

    Score compose(SplittableRandom r, double targetSeconds) {
        int tonic = r.nextInt(12);
        boolean minor = r.nextDouble() < 0.3;
        double bpm = 70 + r.nextInt(91);
        int perBar = r.nextDouble() < 0.85 ? 4 : 3;
        double beatSec = 60.0 / bpm;
        double p7 = 0.05 + 0.45 * r.nextDouble() * r.nextDouble();
        double colour = 0.5 + r.nextDouble();
        // harmonic rhythm: bars per chord
        double[][] rhythms = {{1}, {1, 1, 0.5}, {2, 1}, {0.5, 1}, {1, 2, 2}};
        double[] rhythm = rhythms[r.nextInt(rhythms.length)];

        double intro = r.nextDouble() < 0.6 ? perBar * beatSec * (1 + r.nextInt(2)) : 0.3 + r.nextDouble();
        double musicBeats = Math.max(perBar * 4, Math.floor((targetSeconds - intro - 2) / beatSec / perBar) * perBar);

        // sections: 2-3 loops of 4 chords, played in an order like A A B A B B
        int nSections = 2 + r.nextInt(2);
        List<List<Chord>> loops = new ArrayList<>();
        for (int s = 0; s < nSections; s++) {
            loops.add(loop(r, minor, p7, colour, rhythm, perBar));
        }
        List<Chord> chords = new ArrayList<>();
        double beat = 0;
        int section = 0;
        while (beat < musicBeats) {
            List<Chord> loop = loops.get(section);
            for (Chord c : loop) {
                if (beat >= musicBeats) {
                    break;
                }
                double len = Math.min(c.beats, musicBeats - beat);
                chords.add(new Chord((c.root + tonic) % 12, c.quality, c.bassInterval, beat, len));
                beat += len;
            }
            section = r.nextDouble() < 0.5 ? section : r.nextInt(nSections);
        }
        // end on the tonic for the last bar
        Chord last = chords.get(chords.size() - 1);
        chords.set(chords.size() - 1, new Chord(tonic, minor ? Quality.MIN : Quality.MAJ, 0, last.startBeat, last.beats));

        double outro = 1 + 2 * r.nextDouble();
        double musicSec = musicBeats * beatSec;
        int length = (int) Math.round((intro + musicSec + outro) * sr);

        List<Score.Note> notes = new ArrayList<>();
        List<Score.Hit> hits = new ArrayList<>();
        Timbre comp = COMP[r.nextInt(COMP.length)];
        Timbre lead = LEAD[r.nextInt(LEAD.length)];
        Timbre bass = r.nextDouble() < 0.6 ? Timbre.BASS : Timbre.SYNTH_BASS;
        int pattern = r.nextInt(3); // 0 sustained, 1 on the beats, 2 arpeggio
        boolean melody = r.nextDouble() < 0.8;
        boolean drums = r.nextDouble() < 0.7;
        int[] scale = minor ? MINOR : MAJOR;

        double prevCentre = 60;
        int melodyPitch = 72;
        List<Score.Segment> labels = new ArrayList<>();
        if (intro > 0) {
            labels.add(new Score.Segment(0, time(sample(intro)), "N"));
        }
        for (Chord c : chords) {
            double t0 = intro + c.startBeat * beatSec;
            double t1 = intro + (c.startBeat + c.beats) * beatSec;
            int s0 = sample(t0);
            int s1 = sample(t1);
            labels.add(new Score.Segment(time(s0), time(s1), c.label()));
            int[] voicing = voice(r, c, prevCentre);
            prevCentre = mean(voicing);
            comp(notes, r, comp, pattern, voicing, s0, s1, beatSec);
            bassLine(notes, r, bass, c, s0, s1, beatSec, perBar);
            if (melody) {
                melodyPitch = melody(notes, r, lead, c, scale, tonic, melodyPitch, s0, s1, beatSec);
            }
        }
        int end = sample(intro + musicSec);
        labels.add(new Score.Segment(time(end), time(length), "N"));
        if (drums) {
            drums(hits, r, sample(intro > 1 ? 0 : intro), end, beatSec, perBar);
        }
        double noise = StrictMath.pow(10, (-60 + 25 * r.nextDouble()) / 20);
        return new Score(sr, length, NAMES[tonic], minor ? "minor" : "major", bpm, notes, hits, noise, r.nextLong(),
                labels);
    }

    private int sample(double seconds) {
        return (int) Math.round(seconds * sr);
    }

    private double time(int sample) {
        return sample / (double) sr;
    }

    /** Four chords relative to the tonic (root 0 = tonic), with durations in beats. */
    private static List<Chord> loop(SplittableRandom r, boolean minor, double p7, double colour, double[] rhythm,
                                    int perBar) {
        List<Chord> out = new ArrayList<>();
        int[] scale = minor ? MINOR : MAJOR;
        int prevDeg = -1;
        for (int i = 0; i < 4; i++) {
            int deg = i == 0 ? (r.nextDouble() < 0.75 ? 0 : 5) : pick(r, DEGREE_WEIGHTS, prevDeg);
            prevDeg = deg;
            int root = scale[deg];
            boolean seventh = r.nextDouble() < p7;
            Quality q = minor ? (seventh ? MINOR_SEVENTHS : MINOR_TRIADS)[deg] : (seventh ? MAJOR_SEVENTHS : MAJOR_TRIADS)[deg];
            if (minor && deg == 4 && r.nextDouble() < 0.6) {
                q = seventh ? Quality.DOM7 : Quality.MAJ; // harmonic minor V
            }
            if (deg == 4 && q == Quality.MAJ && r.nextDouble() < 0.25) {
                q = Quality.DOM7; // V7 is the commonest seventh chord
            }
            // colour: one draw, disjoint intervals, each applied only where it fits the chord
            double u = r.nextDouble() / colour;
            boolean triad = q == Quality.MAJ || q == Quality.MIN;
            if (u < 0.04 && triad) {
                // secondary dominant (V/ii or V/V): a non-diatonic dominant
                root = (root + (r.nextBoolean() ? 2 : 9)) % 12;
                q = r.nextDouble() < 0.7 ? Quality.DOM7 : Quality.MAJ;
            } else if (u >= 0.04 && u < 0.06 && q == Quality.MAJ) {
                q = Quality.SUS4;
            } else if (u >= 0.06 && u < 0.075 && triad) {
                q = Quality.SUS2;
            } else if (u >= 0.075 && u < 0.088 && q == Quality.MAJ) {
                q = Quality.MAJ6;
            } else if (u >= 0.088 && u < 0.1 && q == Quality.MIN) {
                q = Quality.MIN6;
            } else if (u >= 0.1 && u < 0.116 && (q == Quality.MAJ || q == Quality.DOM7)) {
                q = Quality.AUG;
            } else if (u >= 0.116 && u < 0.124) {
                // passing diminished seventh a semitone below the chord
                root = (root + 11) % 12;
                q = Quality.DIM7;
            } else if (u >= 0.124 && u < 0.16 && q == Quality.MIN && deg == 0) {
                q = Quality.MINMAJ7;
            } else if (u >= 0.16 && u < 0.19 && !minor && q == Quality.MAJ && deg == 4) {
                root = r.nextBoolean() ? 8 : 10; // borrowed bVI / bVII
            } else if (u >= 0.19 && u < 0.4 && q == Quality.DIM) {
                q = r.nextBoolean() ? Quality.HDIM7 : Quality.DIM7;
            }
            int[] iv = q.intervals();
            int bass = 0;
            if (r.nextDouble() < 0.15) {
                bass = iv[1 + r.nextInt(iv.length - 1)]; // inversion
            }
            double bars = rhythm[r.nextInt(rhythm.length)];
            out.add(new Chord(root, q, bass, 0, bars * perBar));
        }
        return out;
    }

    private static int pick(SplittableRandom r, double[] w, int not) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += i == not ? 0 : w[i];
        }
        double u = r.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            if (i == not) {
                continue;
            }
            u -= w[i];
            if (u <= 0) {
                return i;
            }
        }
        return w.length - 1 == not ? 0 : w.length - 1;
    }

    /** Close voicing near the previous one (voice leading), random inversion of the upper structure, sometimes a doubled root. */
    private static int[] voice(SplittableRandom r, Chord c, double prevCentre) {
        int[] iv = c.quality.intervals();
        int best = 0;
        double bestDist = Double.MAX_VALUE;
        int[] bestV = null;
        for (int rot = 0; rot < iv.length; rot++) {
            for (int base = 48; base <= 60; base++) {
                if ((base - c.root) % 12 != 0) {
                    continue;
                }
                int[] v = new int[iv.length];
                for (int i = 0; i < iv.length; i++) {
                    v[i] = base + iv[i] + (i < rot ? 12 : 0);
                }
                double d = Math.abs(mean(v) - prevCentre) + r.nextDouble() * 3;
                if (d < bestDist) {
                    bestDist = d;
                    bestV = v;
                    best = rot;
                }
            }
        }
        if (r.nextDouble() < 0.3) {
            int[] v = java.util.Arrays.copyOf(bestV, bestV.length + 1);
            v[v.length - 1] = 48 + c.root + 12 * (1 + r.nextInt(2));
            return v;
        }
        return best >= 0 ? bestV : bestV;
    }

    private static double mean(int[] v) {
        double s = 0;
        for (int x : v) {
            s += x;
        }
        return s / v.length;
    }

    private void comp(List<Score.Note> notes, SplittableRandom r, Timbre t, int pattern, int[] voicing,
                             int s0, int s1, double beatSec) {
        float g = (float) (0.45 / voicing.length * (0.8 + 0.4 * r.nextDouble()));
        int beat = (int) Math.round(beatSec * sr);
        switch (pattern) {
            case 0 -> {
                for (int m : voicing) {
                    notes.add(new Score.Note(s0, s1 - s0, t, m, g));
                }
            }
            case 1 -> {
                for (int s = s0; s < s1; s += beat) {
                    for (int m : voicing) {
                        notes.add(new Score.Note(s, Math.min(beat, s1 - s), t, m, g));
                    }
                }
            }
            default -> {
                int step = beat / 2;
                int i = 0;
                for (int s = s0; s < s1; s += step, i++) {
                    notes.add(new Score.Note(s, Math.min(2 * step, s1 - s), t, voicing[i % voicing.length], 1.6f * g));
                }
            }
        }
    }

    private void bassLine(List<Score.Note> notes, SplittableRandom r, Timbre t, Chord c, int s0, int s1,
                                 double beatSec, int perBar) {
        int pc = (c.root + c.bassInterval) % 12;
        int midi = 36 + pc;
        if (midi > 44) {
            midi -= 12;
        }
        int half = (int) Math.round(beatSec * sr * (perBar == 4 ? 2 : 3));
        for (int s = s0; s < s1; s += half) {
            int m = midi;
            if (s > s0 && r.nextDouble() < 0.3) {
                m = midi + (r.nextBoolean() ? 7 : 12); // fifth or octave on the off-half
            }
            notes.add(new Score.Note(s, Math.min(half, s1 - s), t, m, 0.5f));
        }
    }

    /** Eighth-note melody: chord tones on the beat, scale steps (non-chord tones) between. Returns the last pitch. */
    private int melody(List<Score.Note> notes, SplittableRandom r, Timbre t, Chord c, int[] scale, int tonic,
                              int pitch, int s0, int s1, double beatSec) {
        int eighth = (int) Math.round(beatSec * sr / 2);
        int[] pcs = c.pitchClasses();
        int i = 0;
        for (int s = s0; s + eighth / 2 < s1; s += eighth, i++) {
            if (r.nextDouble() > 0.55) {
                continue;
            }
            int p = pitch + (r.nextInt(5) - 2) * 2;
            if (i % 2 == 0) {
                p = nearest(p, pcs);
            } else {
                p = nearest(p, scaleTones(scale, tonic));
            }
            p = Math.max(64, Math.min(84, p));
            pitch = p;
            int len = eighth * (1 + r.nextInt(2));
            notes.add(new Score.Note(s, Math.min(len, s1 - s), t, p, 0.3f));
        }
        return pitch;
    }

    private static int[] scaleTones(int[] scale, int tonic) {
        int[] out = new int[scale.length];
        for (int i = 0; i < scale.length; i++) {
            out[i] = (scale[i] + tonic) % 12;
        }
        return out;
    }

    private static int nearest(int p, int[] pcs) {
        int best = p;
        int bestD = 99;
        for (int d = -6; d <= 6; d++) {
            int pc = Math.floorMod(p + d, 12);
            for (int x : pcs) {
                if (x == pc && Math.abs(d) < bestD) {
                    bestD = Math.abs(d);
                    best = p + d;
                }
            }
        }
        return best;
    }

    private void drums(List<Score.Hit> hits, SplittableRandom r, int from, int to, double beatSec, int perBar) {
        int beat = (int) Math.round(beatSec * sr);
        boolean busy = r.nextBoolean();
        int b = 0;
        for (int s = from; s < to; s += beat, b++) {
            int pos = b % perBar;
            if (pos == 0 || (perBar == 4 && pos == 2) || (busy && r.nextDouble() < 0.15)) {
                hits.add(new Score.Hit(s, Drum.KICK, 0.7f));
            }
            if ((perBar == 4 && (pos == 1 || pos == 3)) || (perBar == 3 && pos == 2)) {
                hits.add(new Score.Hit(s, Drum.SNARE, 0.45f));
            }
            hits.add(new Score.Hit(s, Drum.HAT, 0.25f));
            if (s + beat / 2 < to) {
                hits.add(new Score.Hit(s + beat / 2, Drum.HAT, 0.15f));
            }
        }
    }
}
