package io.chordflow.audio.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.common.Seeds;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposerTest {
    @Test
    void classImbalanceLooksLikeRealMusic() {
        Composer c = new Composer(22050);
        Map<Quality, Double> secs = new EnumMap<>(Quality.class);
        double total = 0;
        // ~6 hours of songs (composition only: cheap)
        for (int i = 0; i < 200; i++) {
            Score s = c.compose(Seeds.random(11, "song" + i), 110);
            for (Score.Segment seg : s.labels()) {
                if (seg.label().equals("N")) {
                    continue;
                }
                String q = SynthCommand.qualityClass(seg.label());
                Quality quality = java.util.Arrays.stream(Quality.values()).filter(x -> x.harte().equals(q))
                        .findFirst().orElseThrow();
                secs.merge(quality, seg.end() - seg.start(), Double::sum);
                total += seg.end() - seg.start();
            }
        }
        double finalTotal = total;
        Map<Quality, Double> share = new EnumMap<>(Quality.class);
        secs.forEach((k, v) -> share.put(k, v / finalTotal));
        System.out.println("synth quality shares: " + share);
        assertEquals(14, share.size(), "every quality appears: " + share.keySet());
        assertTrue(share.get(Quality.MAJ) + share.get(Quality.MIN) > 0.6, "maj+min dominate");
        assertTrue(share.get(Quality.MAJ) > share.get(Quality.MIN));
        double sevenths = share.get(Quality.DOM7) + share.get(Quality.MAJ7) + share.get(Quality.MIN7);
        assertTrue(sevenths > 0.1 && sevenths < 0.3, "7ths common: " + sevenths);
        for (Quality q : new Quality[] {Quality.DIM, Quality.AUG, Quality.SUS2, Quality.SUS4, Quality.HDIM7,
            Quality.DIM7, Quality.MINMAJ7, Quality.MAJ6, Quality.MIN6}) {
            assertTrue(share.get(q) < 0.06, q + " rare: " + share.get(q));
        }
    }

    /** Every label the composer writes is valid Harte and lands on the intended class of BTC's 170-class vocabulary (ninths on their seventh). */
    @Test
    void labelsMapToTheirClassInTheLargeVocabulary() {
        Composer c = new Composer(22050);
        int checked = 0;
        int ninths = 0;
        int slashes = 0;
        for (int i = 0; i < 60; i++) {
            for (Score.Segment seg : c.compose(Seeds.random(12, "vocab" + i), 90).labels()) {
                int cls = io.chordflow.chords.Vocabulary.LARGE.index(seg.label());
                if (seg.label().equals("N")) {
                    assertEquals(169, cls);
                    continue;
                }
                String root = seg.label().substring(0, seg.label().indexOf(':'));
                String q = seg.label().substring(seg.label().indexOf(':') + 1).split("/")[0];
                ninths += q.endsWith("9") ? 1 : 0;
                slashes += seg.label().contains("/") ? 1 : 0;
                String base = switch (q) {
                    case "9" -> "7";
                    case "maj9" -> "maj7";
                    case "min9" -> "min7";
                    default -> q;
                };
                Quality quality = java.util.Arrays.stream(Quality.values()).filter(x -> x.harte().equals(base))
                        .findFirst().orElseThrow();
                assertEquals(java.util.Arrays.asList(Composer.NAMES).indexOf(root) * 14 + quality.ordinal(), cls,
                        seg.label());
                checked++;
            }
        }
        assertTrue(checked > 500);
        assertTrue(ninths > 0 && slashes > 0, ninths + " ninths, " + slashes + " slash chords");
    }

    /** The audio under each label holds that chord: its pitch classes carry more CQT energy than the others. */
    @Test
    void audioMatchesItsLabels() {
        Composer c = new Composer(22050);
        Renderer r = new Renderer(new NoteBank(22050));
        int ok = 0;
        int checked = 0;
        for (int song = 0; song < 4; song++) {
            Score s = c.compose(Seeds.random(3, "match" + song), 30);
            int[] res = chordTonesOnTop(s, CqtFeatures.compute(r.render(s)), 2);
            ok += res[0];
            checked += res[1];
        }
        assertTrue(checked > 10);
        assertTrue(ok >= 0.85 * checked, ok + " of " + checked + " segments have their chord tones on top");
    }

    /**
     * {ok, checked}: of the labelled chords at least 1 s long, how many have a mean CQT energy on their pitch
     * classes above {@code ratio} times the mean on the others (frames wholly inside the segment).
     */
    static int[] chordTonesOnTop(Score s, float[][] f, double ratio) {
        int ok = 0;
        int checked = 0;
        for (Score.Segment seg : s.labels()) {
            if (seg.label().equals("N") || seg.end() - seg.start() < 1) {
                continue;
            }
            int[] pcs = pitchClasses(seg.label());
            double[] chroma = new double[12];
            int t0 = (int) Math.ceil(seg.start() / 0.0929) + 1;
            int t1 = Math.min(f.length, (int) Math.floor(seg.end() / 0.0929) - 1);
            for (int t = t0; t < t1; t++) {
                for (int k = 24; k < 120; k++) {
                    chroma[(k / 2) % 12] += Math.exp(f[t][k]);
                }
            }
            double in = 0;
            double out = 0;
            boolean[] member = new boolean[12];
            for (int p : pcs) {
                member[p] = true;
            }
            for (int p = 0; p < 12; p++) {
                if (member[p]) {
                    in += chroma[p] / pcs.length;
                } else {
                    out += chroma[p] / (12 - pcs.length);
                }
            }
            checked++;
            if (in > ratio * out) {
                ok++;
            }
        }
        return new int[] {ok, checked};
    }

    /**
     * Labels follow the sound: at every chord label the comping and the bass strike (an anticipated change
     * included, which sits an eighth before the bar line), and no comping note of the chord before sounds past it.
     */
    @Test
    void chordNotesStartAndStopAtTheirLabels() {
        Composer c = new Composer(22050);
        int anticipated = 0;
        int boundaries = 0;
        for (int i = 0; i < 30; i++) {
            Score s = c.compose(Seeds.random(21, "align" + i), 60, StyleCatalog.get(i % 2 == 0 ? "pop" : "jazz"));
            List<Score.Segment> chords = s.labels().stream().filter(x -> !x.label().equals("N")).toList();
            double origin = chords.get(0).start();
            double beat = 60 / s.bpm();
            for (Score.Segment seg : chords) {
                int at = (int) Math.round(seg.start() * 22050);
                boolean compStrikes = s.notes().stream().anyMatch(n -> n.part() == Part.COMP && n.start() == at);
                boolean bassStrikes = s.notes().stream().anyMatch(n -> n.part() == Part.BASS && n.start() == at);
                assertTrue(compStrikes && bassStrikes, "song " + i + ": nothing struck at " + seg);
                boolean overhang = s.notes().stream().anyMatch(n -> n.part() == Part.COMP && n.start() < at
                        && n.start() + n.length() > at + 1);
                assertTrue(!overhang, "song " + i + ": a comping note of the previous chord sounds past " + seg);
                double beats = (seg.start() - origin) / beat;
                if (seg != chords.get(0)) {
                    boundaries++;
                    anticipated += Math.abs(beats - Math.rint(beats)) > 0.1 ? 1 : 0;
                }
            }
        }
        assertTrue(anticipated > 0.05 * boundaries && anticipated < 0.6 * boundaries, anticipated + " of " + boundaries + " anticipated");
    }

    /** The lead-in and the tail are N and silent but for a count-in or drums: no pitched note sounds in them. */
    @Test
    void leadInAndTailAreNoChordAndSilent() {
        Composer c = new Composer(22050);
        Renderer r = new Renderer(new NoteBank(22050));
        int countIns = 0;
        for (int i = 0; i < 40; i++) {
            Score s = c.compose(Seeds.random(22, "lead" + i), 40, StyleCatalog.get(StyleCatalog.DEFAULT.get(i % 6)));
            Score.Segment first = s.labels().get(0);
            Score.Segment last = s.labels().get(s.labels().size() - 1);
            assertEquals("N", first.label());
            assertEquals("N", last.label());
            int from = (int) Math.round(first.end() * 22050);
            int to = (int) Math.round(last.start() * 22050);
            for (Score.Note n : s.notes()) {
                assertTrue(n.start() >= from && n.start() + n.length() <= to + 1, "song " + i + ": " + n + " outside the chords");
            }
            countIns += s.hits().stream().anyMatch(h -> h.drum() == Drum.STICK && h.start() < from) ? 1 : 0;
            // rendered without drums: the lead-in is digital silence, the tail the last release only
            Score pitched = new Score(s.sampleRate(), s.lengthSamples(), s.tonic(), s.mode(), s.bpm(), s.metre(), s.swing(), s.style(),
                    s.keys(), s.notes(), List.of(), s.labels());
            float[] y = r.render(pitched);
            for (int k = 0; k < from; k++) {
                assertEquals(0f, y[k], "song " + i + " sample " + k);
            }
            for (int k = to + 2000; k < y.length; k++) {
                assertEquals(0f, y[k], "song " + i + " sample " + k);
            }
        }
        assertTrue(countIns > 0, "some songs count in");
    }

    /** An anticipated change sounds where it is labelled: just after it the new chord's tones dominate, not the old chord's. */
    @Test
    void anAnticipatedChangeIsHeardWhereItIsLabelled() {
        Composer c = new Composer(22050);
        Renderer r = new Renderer(new NoteBank(22050));
        int newWins = 0;
        int checked = 0;
        for (int i = 0; i < 12 && checked < 25; i++) {
            Score s = c.compose(Seeds.random(23, "antic" + i), 45, StyleCatalog.get("jazz"));
            List<Score.Segment> chords = s.labels().stream().filter(x -> !x.label().equals("N")).toList();
            double origin = chords.get(0).start();
            double beat = 60 / s.bpm();
            float[][] f = null;
            for (int k = 1; k < chords.size(); k++) {
                Score.Segment seg = chords.get(k);
                double beats = (seg.start() - origin) / beat;
                java.util.Set<Integer> oldPcs = new java.util.HashSet<>();
                for (int p : pitchClasses(chords.get(k - 1).label())) {
                    oldPcs.add(p);
                }
                java.util.Set<Integer> newPcs = new java.util.HashSet<>();
                for (int p : pitchClasses(seg.label())) {
                    newPcs.add(p);
                }
                if (Math.abs(beats - Math.rint(beats)) < 0.1 || oldPcs.equals(newPcs)) {
                    continue; // on the beat, or the same notes
                }
                if (f == null) {
                    f = CqtFeatures.compute(r.render(s));
                }
                // the frames centred in [start + 40 ms, start + half a beat): before the bar line the change was pushed from
                int t0 = (int) Math.ceil((seg.start() + 0.04) / 0.0929);
                int t1 = (int) Math.floor((seg.start() + beat / 2) / 0.0929);
                if (t1 < t0) {
                    continue;
                }
                double[] chroma = new double[12];
                for (int t = t0; t <= t1; t++) {
                    for (int b = 24; b < 120; b++) {
                        chroma[(b / 2) % 12] += Math.exp(f[t][b]);
                    }
                }
                double onlyNew = 0;
                double onlyOld = 0;
                for (int p = 0; p < 12; p++) {
                    onlyNew += newPcs.contains(p) && !oldPcs.contains(p) ? chroma[p] : 0;
                    onlyOld += oldPcs.contains(p) && !newPcs.contains(p) ? chroma[p] : 0;
                }
                checked++;
                newWins += onlyNew > onlyOld ? 1 : 0;
            }
        }
        assertTrue(checked >= 10, checked + " anticipated changes checked");
        assertTrue(newWins >= 0.8 * checked, newWins + " of " + checked + " anticipated changes sound as labelled");
    }

    /** The chord's pitch classes (a ninth chord's: its seventh chord's; the ninth is left out). */
    static int[] pitchClasses(String label) {
        String root = label.substring(0, label.indexOf(':'));
        String q = SynthCommand.qualityClass(label);
        int r = java.util.Arrays.asList(Composer.NAMES).indexOf(root);
        Quality quality = java.util.Arrays.stream(Quality.values()).filter(x -> x.harte().equals(q)).findFirst().orElseThrow();
        int[] iv = quality.intervals();
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (iv[i] + r) % 12;
        }
        return iv;
    }
}
