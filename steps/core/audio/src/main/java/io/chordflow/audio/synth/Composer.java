package io.chordflow.audio.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a song in a {@link Style}: a key, tempo and metre (4/4, 3/4, 6/8, 5/4), sections of repeated
 * chord loops drawn from functional harmony (diatonic triads and sevenths, ninths, colour chords, slash
 * chords), an optional modulation, and the parts that play them: comping (block, sustained, arpeggio, strum,
 * syncopated; swung or straight), a bass line with approach notes or a walking bass, a melody with passing,
 * neighbour and appoggiatura tones, drums in the style's feel. The song may open with silence, a stick
 * count-in or a drum intro (all labelled N), and ends with the last chord ringing and a silent tail.
 * <p>Labels follow the sound: a chord change anticipated by an eighth is labelled where its notes start, and
 * a chord's notes stop where the next label starts. All randomness comes from the {@link SplittableRandom}
 * passed in, so a seed fixes the song.
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
    /** Harmonic rhythms: bars per chord, drawn per loop chord. */
    private static final double[][] RHYTHMS = {{1}, {1, 1, 0.5}, {2, 1}, {0.5, 1}, {1, 2, 2}};
    /** Modulations, semitones up: truck-driver (+1, +2), to the subdominant (+5) or dominant (+7). */
    private static final int[] MODULATIONS = {1, 2, 2, 5, 7};
    /** GM programs of the held second layer: strings, slow strings, synth strings, choir, pads, organs. */
    private static final int[] PADS = {48, 49, 50, 52, 88, 89, 91, 94, 16, 19};

    /** One chord of the progression, in beats from the start of the music. */
    record Chord(int root, Quality quality, boolean ninth, int bassInterval, double startBeat, double beats) {
        String label() {
            String q = quality.harte();
            if (ninth) {
                q = switch (quality) {
                    case DOM7 -> "9";
                    case MAJ7 -> "maj9";
                    case MIN7 -> "min9";
                    default -> throw new IllegalStateException("ninth on " + quality);
                };
            }
            String s = NAMES[root] + ":" + q;
            return bassInterval == 0 ? s : s + "/" + quality.degree(bassInterval);
        }

        int[] pitchClasses() {
            int[] iv = quality.intervals();
            for (int i = 0; i < iv.length; i++) {
                iv[i] = (root + iv[i]) % 12;
            }
            return iv;
        }

        Chord at(double start, double len, int shift) {
            return new Chord((root + shift) % 12, quality, ninth, bassInterval, start, len);
        }
    }

    /** A chord placed in time: its samples [s0, s1) and the key it sits in. */
    private record Placed(Chord chord, int s0, int s1, int tonic, boolean sectionStart) {
    }

    private final int sr;

    Composer(int sampleRate) {
        this.sr = sampleRate;
    }

    /** A song in a style drawn uniformly from the catalogue. */
    Score compose(SplittableRandom r, double targetSeconds) {
        List<String> names = StyleCatalog.DEFAULT;
        return compose(r, targetSeconds, StyleCatalog.get(names.get(r.nextInt(names.size()))));
    }

    Score compose(SplittableRandom r, double targetSeconds, Style st) {
        int tonic = r.nextInt(12);
        boolean minor = r.nextDouble() < st.minor();
        Style.Metre metre = Style.Metre.values()[pick(r, st.metres(), -1)];
        double bpm = st.bpmMin() + r.nextInt(st.bpmMax() - st.bpmMin() + 1);
        if (metre == Style.Metre.SIX_EIGHT) {
            bpm = Math.round(bpm * 2 / 3.0); // the dotted quarter: eighths at 3x this rate
        }
        double beatSec = 60.0 / bpm;
        int perBar = metre.beats;
        int sub = metre.sub;
        double swing = sub == 2 && r.nextDouble() < st.swing() ? 0.58 + 0.09 * r.nextDouble() : 0.5;
        double p7 = st.sevenths() * r.nextDouble();
        double colour = st.colour() * (0.5 + r.nextDouble());
        double[] rhythm = RHYTHMS[r.nextInt(RHYTHMS.length)];
        boolean anticipates = r.nextDouble() < 0.5;

        // lead-in: silence, a stick count-in, or a drum intro; all N
        boolean drums = r.nextDouble() < st.drums();
        boolean countIn = r.nextDouble() < st.countIn();
        boolean drumIntro = !countIn && drums && r.nextDouble() < 0.3;
        double lead = 0.2 + 1.3 * r.nextDouble();
        if (countIn || drumIntro) {
            lead = 0.1 + 0.4 * r.nextDouble() + perBar * beatSec;
        }
        double ring = 1 + 2 * r.nextDouble();   // the last chord held
        double tail = 0.5 + 1.5 * r.nextDouble(); // then silence
        double musicBeats = Math.max(perBar * 4, Math.floor((targetSeconds - lead - ring - tail) / beatSec / perBar) * perBar);

        // sections: 2-3 loops of 4 chords, played in an order like A A B A B B
        int nSections = 2 + r.nextInt(2);
        List<List<Chord>> loops = new ArrayList<>();
        for (int s = 0; s < nSections; s++) {
            loops.add(loop(r, minor, p7, colour, st, rhythm, perBar));
        }
        int modulateAt = -1;
        int shift = 0;
        List<Chord> chords = new ArrayList<>();
        List<Boolean> starts = new ArrayList<>();
        List<Integer> tonics = new ArrayList<>();
        List<Integer> loopOf = new ArrayList<>();
        boolean wantsModulation = r.nextDouble() < st.keyChange();
        double beat = 0;
        int section = 0;
        while (beat < musicBeats) {
            if (wantsModulation && modulateAt < 0 && beat >= musicBeats / 2 && beat > 0) {
                modulateAt = chords.size();
                shift = MODULATIONS[r.nextInt(MODULATIONS.length)];
            }
            boolean first = true;
            for (Chord c : loops.get(section)) {
                if (beat >= musicBeats) {
                    break;
                }
                double len = Math.min(c.beats, musicBeats - beat);
                chords.add(c.at(beat, len, tonic + shift));
                starts.add(first);
                tonics.add((tonic + shift) % 12);
                loopOf.add(section);
                first = false;
                beat += len;
            }
            section = r.nextDouble() < 0.5 ? section : r.nextInt(nSections);
        }
        // end on the (current) tonic
        Chord last = chords.get(chords.size() - 1);
        int endTonic = tonics.get(tonics.size() - 1);
        chords.set(chords.size() - 1, new Chord(endTonic, minor ? Quality.MIN : Quality.MAJ, false, 0, last.startBeat,
                last.beats));

        int musicStart = sample(lead);
        int subSamples = (int) Math.round(beatSec / sub * sr);
        int musicEnd = musicStart + (int) Math.round(musicBeats * beatSec * sr);
        int ringEnd = musicEnd + sample(ring);
        int length = ringEnd + sample(tail);

        // place the chords: anticipated changes start an eighth (one subdivision) early
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < chords.size(); i++) {
            Chord c = chords.get(i);
            int s0 = musicStart + (int) Math.round(c.startBeat * beatSec * sr);
            boolean onBar = Math.abs(c.startBeat / perBar - Math.rint(c.startBeat / perBar)) < 1e-9;
            if (i > 0 && anticipates && onBar && r.nextDouble() < st.anticipation()) {
                s0 -= subSamples;
            }
            placed.add(new Placed(c, s0, 0, tonics.get(i), starts.get(i)));
        }
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            int s1 = i + 1 < placed.size() ? placed.get(i + 1).s0 : ringEnd;
            placed.set(i, new Placed(p.chord, p.s0, s1, p.tonic, p.sectionStart));
        }

        Grid grid = new Grid(musicStart, beatSec * sr, sub, perBar, swing);
        int compProgram = st.comp()[r.nextInt(st.comp().length)];
        int bassProgram = st.bass()[r.nextInt(st.bass().length)];
        int leadProgram = st.lead()[r.nextInt(st.lead().length)];
        Style.Comping comping = Style.Comping.values()[pick(r, st.comping(), -1)];
        boolean walking = r.nextDouble() < st.walkingBass();
        boolean melody = r.nextDouble() < st.melody();
        double density = 0.35 + 0.35 * r.nextDouble();

        List<Score.Note> notes = new ArrayList<>();
        List<Score.Hit> hits = new ArrayList<>();
        List<Score.Segment> labels = new ArrayList<>();
        labels.add(new Score.Segment(0, time(placed.get(0).s0), "N"));
        double prevCentre = 58;
        int melodyPitch = 72;
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            Chord next = i + 1 < placed.size() ? placed.get(i + 1).chord : null;
            labels.add(new Score.Segment(time(p.s0), time(p.s1), p.chord.label()));
            int[] voicing = voice(r, p.chord, prevCentre);
            prevCentre = mean(voicing);
            boolean lastChord = i == placed.size() - 1;
            comp(notes, r, comping, compProgram, voicing, p, grid, musicEnd);
            bass(notes, r, walking, bassProgram, p, next, grid, minor ? MINOR : MAJOR, musicEnd);
            if (melody && !lastChord) {
                melodyPitch = melody(notes, r, leadProgram, p, grid, minor ? MINOR : MAJOR, melodyPitch, density,
                        st.nonChord());
            }
        }
        labels.add(new Score.Segment(time(ringEnd), time(length), "N"));
        if (countIn) {
            for (int b = 0; b < perBar; b++) {
                hits.add(new Score.Hit(musicStart - (int) Math.round((perBar - b) * beatSec * sr), Drum.STICK, 0.5f));
            }
        }
        if (drums) {
            int from = drumIntro ? musicStart - (int) Math.round(perBar * beatSec * sr) : musicStart;
            drums(hits, r, st, metre, grid, from, musicEnd, placed);
        }
        List<Score.KeyChange> keys = new ArrayList<>();
        String mode = minor ? "minor" : "major";
        keys.add(new Score.KeyChange(0, NAMES[tonic], mode));
        if (modulateAt >= 0) {
            keys.add(new Score.KeyChange(time(placed.get(modulateAt).s0), NAMES[(tonic + shift) % 12], mode));
        }
        notes.sort(java.util.Comparator.comparingInt(Score.Note::start));
        hits.sort(java.util.Comparator.comparingInt(Score.Hit::start));
        // drawn last, so fading leaves everything else about the song as it was: a fifth of songs fade out over
        // their last two bars and the ring, still labelled with their chords (as annotators label fades)
        // a second harmonic layer in some songs: held chords (strings, pads, organ) above the comping
        if (r.nextDouble() < 0.4) {
            int program = PADS[r.nextInt(PADS.length)];
            Timbre t = Timbre.forProgram(program);
            double centre = 64 + r.nextInt(6);
            for (Placed p : placed) {
                int[] v = voice(r, p.chord, centre);
                int end = Math.min(p.s1, p.s1 > musicEnd ? ringEnd : musicEnd);
                // re-bowed every 6 s at most: the additive source's notes last 7 s (NoteBank)
                int chunk = 6 * sr;
                for (int a = p.s0; a < end; a += chunk) {
                    for (int m : v) {
                        notes.add(new Score.Note(a, Math.min(chunk, end - a), Part.PAD, t, program, m, 0.3f / v.length));
                    }
                }
            }
            notes.sort(java.util.Comparator.comparingInt(Score.Note::start));
        }
        boolean fade = r.nextDouble() < 0.2;
        int fadeStart = fade ? Math.max(musicStart, musicEnd - (int) Math.round(2 * perBar * beatSec * sr)) : -1;
        int kit = st.kits()[r.nextInt(st.kits().length)];
        return new Score(sr, length, NAMES[tonic], mode, bpm, metre.label, swing, st.name(), keys, notes, hits, labels,
                fadeStart, fade ? ringEnd : -1, kit, beats(countIn || drumIntro, musicStart, beatSec, perBar, musicBeats),
                sections(countIn || drumIntro, musicStart, beatSec, perBar, chords, starts, loopOf, melody, musicEnd, ringEnd,
                        length));
    }

    /**
     * Every beat the song plays, on the nominal grid (swing moves off-beats, not beats; an anticipated chord
     * does not move the bar): the count-in or drum-intro bar, then each beat of the music; none in the ring.
     */
    private List<Score.BeatTime> beats(boolean introBar, int musicStart, double beatSec, int perBar, double musicBeats) {
        List<Score.BeatTime> out = new ArrayList<>();
        for (int k = introBar ? -perBar : 0; k < musicBeats; k++) {
            out.add(new Score.BeatTime(time(musicStart + (int) Math.round(k * beatSec * sr)), Math.floorMod(k, perBar) + 1));
        }
        return out;
    }

    /**
     * The sections, labelled with paper 2's functions (the segments module's {@code SectionFunction} labels):
     * silence before the music, the count-in or drum-intro bar as intro, each play of a loop as one section
     * (the first loop heard is the verse, the second the chorus, the third the bridge; every one is inst in a
     * song without a melody), the held last chord as outro, then silence. Boundaries on the nominal beat grid (a loop
     * need not fill whole bars, so a section may start mid-bar).
     */
    private List<Score.Segment> sections(boolean introBar, int musicStart, double beatSec, int perBar, List<Chord> chords,
                                         List<Boolean> starts, List<Integer> loopOf, boolean melody, int musicEnd,
                                         int ringEnd, int length) {
        String[] functions = {"verse", "chorus", "bridge"};
        List<Score.Segment> out = new ArrayList<>();
        double music = time(musicStart);
        double intro = introBar ? time(musicStart - (int) Math.round(perBar * beatSec * sr)) : music;
        out.add(new Score.Segment(0, intro, "silence"));
        if (introBar) {
            out.add(new Score.Segment(intro, music, "intro"));
        }
        List<Double> bounds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < chords.size(); i++) {
            if (starts.get(i)) {
                bounds.add(time(musicStart + (int) Math.round(chords.get(i).startBeat * beatSec * sr)));
                names.add(melody ? functions[loopOf.get(i)] : "inst");
            }
        }
        bounds.add(time(musicEnd));
        for (int i = 0; i < names.size(); i++) {
            out.add(new Score.Segment(bounds.get(i), bounds.get(i + 1), names.get(i)));
        }
        out.add(new Score.Segment(time(musicEnd), time(ringEnd), "outro"));
        out.add(new Score.Segment(time(ringEnd), time(length), "silence"));
        return out;
    }

    /**
     * The metrical grid: subdivision k (an eighth in simple metres, a third of the beat in 6/8) starts at
     * {@code origin + k * sub}, swung off-beats a little later ({@code swing} of the beat instead of 0.5).
     */
    record Grid(int origin, double beatSamples, int sub, int perBar, double swing) {
        int at(long k) {
            long beat = Math.floorDiv(k, sub);
            int pos = (int) Math.floorMod(k, sub);
            double frac = sub == 2 && pos == 1 ? swing : (double) pos / sub;
            return origin + (int) Math.round((beat + frac) * beatSamples);
        }

        /** First subdivision at or after sample s. */
        long ceil(int s) {
            long k = (long) Math.floor((s - origin) / (beatSamples / sub)) - 1;
            while (at(k) < s) {
                k++;
            }
            return k;
        }

        int perBarSubs() {
            return perBar * sub;
        }
    }

    private int sample(double seconds) {
        return (int) Math.round(seconds * sr);
    }

    private double time(int sample) {
        return sample / (double) sr;
    }

    /** Four chords relative to the tonic (root 0 = tonic), with durations in beats. */
    private static List<Chord> loop(SplittableRandom r, boolean minor, double p7, double colour, Style st,
                                    double[] rhythm, int perBar) {
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
            boolean ninth = (q == Quality.DOM7 || q == Quality.MAJ7 || q == Quality.MIN7) && r.nextDouble() < st.ninths();
            int[] iv = q.intervals();
            int bass = 0;
            if (r.nextDouble() < st.inversions()) {
                bass = iv[1 + r.nextInt(iv.length - 1)]; // inversion: a slash chord
            }
            double bars = rhythm[r.nextInt(rhythm.length)];
            if (bars == 0.5 && perBar % 2 == 1) {
                bars = 1; // no half bars in 3/4 and 5/4
            }
            out.add(new Chord(root, q, ninth, bass, 0, bars * perBar));
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
            if (i == not || w[i] == 0) {
                continue;
            }
            u -= w[i];
            if (u <= 0) {
                return i;
            }
        }
        for (int i = w.length - 1; i >= 0; i--) {
            if (i != not && w[i] > 0) {
                return i;
            }
        }
        return 0;
    }

    /** Close voicing near the previous one (voice leading), random inversion of the upper structure, sometimes a doubled root, the ninth on top. */
    private static int[] voice(SplittableRandom r, Chord c, double prevCentre) {
        int[] iv = c.quality.intervals();
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
                }
            }
        }
        int[] v = bestV;
        if (c.ninth) {
            v = java.util.Arrays.copyOf(v, v.length + 1);
            v[v.length - 1] = 60 + (c.root + 2) % 12 + 12 * (r.nextBoolean() ? 0 : 1);
        } else if (r.nextDouble() < 0.3) {
            v = java.util.Arrays.copyOf(v, v.length + 1);
            v[v.length - 1] = 48 + c.root + 12 * (1 + r.nextInt(2));
        }
        return v;
    }

    private static double mean(int[] v) {
        double s = 0;
        for (int x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Whether the comping pattern plays on subdivision {@code pos} of the bar. */
    private static boolean compOnset(Style.Comping c, int pos, int sub, int perBar) {
        return switch (c) {
            case BLOCK -> pos % sub == 0;
            case SUSTAINED -> pos == 0;
            case ARPEGGIO -> true;
            case STRUM -> sub == 2 && perBar == 4 ? pos != 1 && pos != 4 : pos % sub == 0 || pos % sub == sub - 1;
            case SYNCOPATED -> sub == 2 && perBar == 4 ? pos == 0 || pos == 3 || pos == 6
                    : pos == 0 || pos == 3 || (sub == 3 && pos == 5);
        };
    }

    private void comp(List<Score.Note> notes, SplittableRandom r, Style.Comping c, int program, int[] voicing,
                      Placed p, Grid g, int musicEnd) {
        float gain = (float) (0.45 / voicing.length * (0.8 + 0.4 * r.nextDouble()));
        Timbre t = Timbre.forProgram(program);
        List<Integer> onsets = new ArrayList<>();
        onsets.add(p.s0);
        for (long k = g.ceil(p.s0); g.at(k) < Math.min(p.s1, musicEnd); k++) {
            int s = g.at(k);
            if (s > p.s0 + 10 && compOnset(c, (int) Math.floorMod(k, g.perBarSubs()), g.sub, g.perBar)) {
                onsets.add(s);
            }
        }
        if (p.s1 > musicEnd && musicEnd > onsets.get(onsets.size() - 1) + 10) {
            onsets.add(musicEnd); // the last chord, struck once more and left to ring
        }
        int strum = c == Style.Comping.STRUM ? (int) (0.008 * sr + r.nextInt((int) (0.012 * sr))) : 0;
        for (int i = 0; i < onsets.size(); i++) {
            int s = onsets.get(i);
            int end = i + 1 < onsets.size() ? onsets.get(i + 1) : p.s1;
            if (c == Style.Comping.ARPEGGIO) {
                int[] order = voicing.clone();
                java.util.Arrays.sort(order);
                int idx = i % (2 * order.length - 2 > 0 ? 2 * order.length - 2 : 1);
                int m = idx < order.length ? order[idx] : order[2 * order.length - 2 - idx];
                // arpeggio notes ring over the next ones, but never past the chord
                notes.add(new Score.Note(s, Math.min(p.s1, s + 2 * (end - s)) - s, Part.COMP, t, program, m, 1.6f * gain));
                continue;
            }
            float accent = i == 0 ? 1f : 0.85f;
            for (int v = 0; v < voicing.length; v++) {
                int off = Math.min(v * strum / Math.max(1, voicing.length - 1), (end - s) / 4);
                notes.add(new Score.Note(s + off, end - s - off, Part.COMP, t, program, voicing[v], accent * gain));
            }
        }
    }

    /**
     * Bass: the chord's bass note on its first onset; then roots, fifths and octaves on the strong beats, or a
     * walking line in beats; the last note before a change is often an approach note (a semitone or scale step
     * to the next bass note), a non-chord tone as in real bass lines.
     */
    private void bass(List<Score.Note> notes, SplittableRandom r, boolean walking, int program, Placed p, Chord next,
                      Grid g, int[] mode, int musicEnd) {
        Timbre t = Timbre.forProgram(program);
        int pc = (p.chord.root + p.chord.bassInterval) % 12;
        int root = 33 + Math.floorMod(pc - 9, 12); // A1..G#2
        List<Integer> onsets = new ArrayList<>();
        onsets.add(p.s0);
        for (long k = g.ceil(p.s0); g.at(k) < Math.min(p.s1, musicEnd); k++) {
            int pos = (int) Math.floorMod(k, g.perBarSubs());
            int s = g.at(k);
            boolean beat = pos % g.sub == 0;
            boolean strong = pos == 0 || (g.perBar == 4 && pos == 2 * g.sub) || (g.perBar == 5 && pos == 3 * g.sub);
            if (s > p.s0 + 10 && (walking ? beat : strong || (beat && r.nextDouble() < 0.25))) {
                onsets.add(s);
            }
        }
        boolean ring = p.s1 > musicEnd && musicEnd > onsets.get(onsets.size() - 1) + 10;
        if (ring) {
            onsets.add(musicEnd);
        }
        int[] tones = p.chord.pitchClasses();
        int prev = root;
        for (int i = 0; i < onsets.size(); i++) {
            int s = onsets.get(i);
            int end = i + 1 < onsets.size() ? onsets.get(i + 1) : p.s1;
            int m = root;
            boolean lastBeforeChange = i == onsets.size() - 1 && i > 0 && next != null;
            if (ring && i == onsets.size() - 1) {
                m = root;
                notes.add(new Score.Note(s, end - s, Part.BASS, t, program, m, 0.5f));
                continue;
            }
            if (lastBeforeChange && r.nextDouble() < (walking ? 0.8 : 0.35)) {
                int target = 33 + Math.floorMod((next.root + next.bassInterval) % 12 - 9, 12);
                m = r.nextBoolean() ? target + (target > prev ? -1 : 1) : stepToward(prev, target, mode, p.tonic);
            } else if (i > 0) {
                if (walking) {
                    m = nearest(prev + (r.nextBoolean() ? 2 : -2), r.nextDouble() < 0.7 ? tones : scale(mode, p.tonic));
                } else {
                    double u = r.nextDouble();
                    m = u < 0.5 ? root : u < 0.8 ? root + 7 : root + 12;
                }
            }
            m = Math.max(28, Math.min(52, m));
            prev = m;
            notes.add(new Score.Note(s, Math.max(1, (int) ((end - s) * (walking ? 0.9 : 0.95))), Part.BASS, t, program, m, 0.5f));
        }
    }

    /** The scale step from {@code from} in the direction of {@code to}. */
    private static int stepToward(int from, int to, int[] mode, int tonic) {
        int[] sc = scale(mode, tonic);
        int dir = to >= from ? 1 : -1;
        for (int d = 1; d <= 2; d++) {
            int cand = to - dir * d;
            for (int pcl : sc) {
                if (Math.floorMod(cand, 12) == pcl) {
                    return cand;
                }
            }
        }
        return to - dir;
    }

    /**
     * Melody in phrases of two bars with a breath at the end: chord tones on the beats (sometimes an
     * appoggiatura, a scale step above resolving down), on the off-beats passing and neighbour tones (a scale
     * step on from the previous note) at the style's rate, else chord tones. Returns the last pitch.
     */
    private int melody(List<Score.Note> notes, SplittableRandom r, int program, Placed p, Grid g, int[] mode,
                       int pitch, double density, double nonChord) {
        Timbre t = Timbre.forProgram(program);
        int[] pcs = p.chord.pitchClasses();
        int[] sc = scale(mode, p.tonic);
        List<int[]> events = new ArrayList<>(); // {start, midi}
        int dir = r.nextBoolean() ? 1 : -1;
        for (long k = g.ceil(p.s0); g.at(k) < p.s1 - g.beatSamples / 8; k++) {
            int pos = (int) Math.floorMod(k, g.perBarSubs());
            long bar = Math.floorDiv(k, g.perBarSubs());
            boolean breath = bar % 2 == 1 && pos >= g.perBarSubs() - g.sub;
            if (breath || r.nextDouble() > density) {
                continue;
            }
            boolean onBeat = pos % g.sub == 0;
            int m;
            if (onBeat) {
                m = nearest(pitch + (r.nextInt(5) - 2) * 2, pcs);
                if (r.nextDouble() < nonChord * 0.25) {
                    m = stepInScale(m, 1, sc); // appoggiatura
                }
            } else if (r.nextDouble() < nonChord) {
                if (r.nextDouble() < 0.3) {
                    dir = -dir; // neighbour: step away and (next time) back
                }
                m = stepInScale(pitch, dir, sc);
            } else {
                m = nearest(pitch + (r.nextInt(3) - 1) * 3, pcs);
            }
            if (m > 84) {
                m -= 12;
                dir = -1;
            } else if (m < 64) {
                m += 12;
                dir = 1;
            }
            pitch = m;
            events.add(new int[] {g.at(k), m});
        }
        for (int i = 0; i < events.size(); i++) {
            int s = events.get(i)[0];
            int end = i + 1 < events.size() ? events.get(i + 1)[0] : p.s1;
            notes.add(new Score.Note(s, Math.max(1, (int) ((end - s) * 0.92)), Part.MELODY, t, program, events.get(i)[1], 0.35f));
        }
        return pitch;
    }

    private static int stepInScale(int from, int dir, int[] sc) {
        for (int d = 1; d <= 3; d++) {
            int cand = from + dir * d;
            for (int pcl : sc) {
                if (Math.floorMod(cand, 12) == pcl) {
                    return cand;
                }
            }
        }
        return from + dir;
    }

    private static int[] scale(int[] mode, int tonic) {
        int[] out = new int[mode.length];
        for (int i = 0; i < mode.length; i++) {
            out[i] = (mode[i] + tonic) % 12;
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

    /** Drums in the style's feel: backbeat (pop/rock/folk), ride pattern (jazz), light (ballad), oom-pah-pah (waltz); a crash opens sections, a fill ends them. */
    private void drums(List<Score.Hit> hits, SplittableRandom r, Style st, Style.Metre metre, Grid g, int from, int to,
                       List<Placed> placed) {
        boolean jazz = st.name().equals("jazz");
        boolean soft = st.name().equals("ballad") || st.name().equals("folk");
        boolean sixteenthFeel = r.nextDouble() < 0.3;
        Drum timekeeper = jazz || r.nextDouble() < 0.15 ? Drum.RIDE : Drum.HAT;
        Drum backbeat = soft && r.nextBoolean() ? Drum.STICK : Drum.SNARE;
        java.util.Set<Integer> sectionStarts = new java.util.HashSet<>();
        for (Placed p : placed) {
            if (p.sectionStart) {
                sectionStarts.add((int) Math.round((p.chord.startBeat * g.beatSamples)));
            }
        }
        int bar = g.perBarSubs();
        for (long k = g.ceil(from); g.at(k) < to; k++) {
            int s = g.at(k);
            int pos = (int) Math.floorMod(k, bar);
            int beat = pos / g.sub;
            boolean onBeat = pos % g.sub == 0;
            int nominal = (int) Math.round(Math.floorDiv(k, g.sub) * g.beatSamples);
            if (pos == 0 && k >= 0 && sectionStarts.contains(nominal) && k > 0 && r.nextDouble() < 0.7) {
                hits.add(new Score.Hit(s, Drum.CRASH, 0.5f));
            }
            boolean kick;
            boolean snare;
            switch (metre) {
                case THREE_FOUR -> {
                    kick = pos == 0;
                    snare = onBeat && beat > 0 && !jazz;
                }
                case SIX_EIGHT -> {
                    kick = pos == 0 || (pos == 5 && r.nextDouble() < 0.3);
                    snare = pos == 3;
                }
                case FIVE_FOUR -> {
                    kick = pos == 0 || pos == 6;
                    snare = pos == 4 || pos == 8;
                }
                default -> {
                    kick = pos == 0 || pos == 4 || (!soft && !jazz && r.nextDouble() < 0.08);
                    snare = pos == 2 || pos == 6;
                }
            }
            if (jazz) {
                kick = kick && r.nextDouble() < 0.4; // feathered
            }
            // the fill: the last beat before a section start
            long nextBar = Math.floorDiv(k, bar) + 1;
            int nextBarNominal = (int) Math.round(nextBar * g.perBar * g.beatSamples);
            boolean fill = sectionStarts.contains(nextBarNominal) && pos >= bar - g.sub && !soft;
            if (kick) {
                hits.add(new Score.Hit(s, Drum.KICK, 0.7f));
            }
            if (fill) {
                hits.add(new Score.Hit(s, r.nextBoolean() ? Drum.TOM : Drum.SNARE, 0.5f));
            } else if (snare) {
                hits.add(new Score.Hit(s, backbeat, 0.45f));
            }
            boolean time = jazz ? onBeat || (pos % g.sub == g.sub - 1 && (beat == 1 || beat == 3)) : true;
            if (time) {
                hits.add(new Score.Hit(s, timekeeper, onBeat ? 0.28f : 0.18f));
            }
            if (sixteenthFeel && !jazz && g.sub == 2 && g.swing == 0.5) {
                int half = (g.at(k + 1) - s) / 2;
                hits.add(new Score.Hit(s + half, Drum.HAT, 0.12f));
            }
            if (st.name().equals("rock") && pos == bar - 1 && r.nextDouble() < 0.2) {
                hits.add(new Score.Hit(s, Drum.OPEN_HAT, 0.3f));
            }
        }
    }
}
