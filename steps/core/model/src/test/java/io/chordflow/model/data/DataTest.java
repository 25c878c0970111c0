package io.chordflow.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.LabFile;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Npy;
import io.chordflow.model.MajMin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {
    @Test
    void frameTakesTheMostOverlappingChord() {
        // frames of 1 s: [0,1) [1,2) [2,3) [3,4)
        List<ChordSegment> segs = List.of(new ChordSegment(0, 1.4, "C:maj"), new ChordSegment(1.4, 2.6, "A:min7"),
                new ChordSegment(2.6, 3.2, "G:7"));
        int[] y = FrameLabels.of(segs, 5, 1.0, Vocabulary.LARGE);
        int c = Vocabulary.LARGE.index("C:maj");
        int am = Vocabulary.LARGE.index("A:min7");
        int g = Vocabulary.LARGE.index("G:7");
        // frame 1: C .4 vs Am .6 -> Am; frame 2: Am .6 vs G .4 -> Am; frame 3: G .2 only; frame 4: nothing -> N
        assertArrayEquals(new int[] {c, am, am, g, 169}, y);
    }

    @Test
    void windowsCoverTheTailAndPadShortSongs() {
        Track longer = new Track("a", new float[250 * 2], 250, 2, new int[250], null, 3);
        Track shorter = new Track("b", new float[30 * 2], 30, 2, new int[30], null, 3);
        List<Window> w = Window.over(List.of(longer, shorter), 108, 54);
        assertEquals(List.of(new Window(0, 0), new Window(0, 54), new Window(0, 108), new Window(0, 142), new Window(1, 0)), w);
    }

    @Test
    void majminReductionFollowsTheLargeVocabularyLayout() {
        assertEquals(0, MajMin.reduce(Vocabulary.LARGE.index("C:maj7"), 170));
        assertEquals(19, MajMin.reduce(Vocabulary.LARGE.index("A:min7"), 170));
        assertEquals(MajMin.NONE, MajMin.reduce(Vocabulary.LARGE.index("D:dim"), 170));
        assertEquals(24, MajMin.reduce(169, 170));
        assertEquals(MajMin.NONE, MajMin.reduce(168, 170));
        int[] lead = Vocabulary.reduction(Vocabulary.LARGE, Vocabulary.MAJMIN);
        for (int i = 0; i < 170; i++) {
            int ours = MajMin.reduce(i, 170);
            if (ours != MajMin.NONE) {
                assertEquals(lead[i], ours, "class " + i + " " + Vocabulary.LARGE.label(i));
            }
        }
    }

    @Test
    void loaderPairsFeaturesWithTargetsAndSkipsBrokenSongs(@TempDir Path dir) throws Exception {
        Path f = Files.createDirectories(dir.resolve("features"));
        Path l = Files.createDirectories(dir.resolve("labels"));
        Npy.writeFloat32(f.resolve("good.npy"), new float[10 * 144], 10, 144);
        Npy.writeFloat32(f.resolve("nolab.npy"), new float[10 * 144], 10, 144);
        Npy.writeFloat32(f.resolve("bad.npy"), new float[10 * 144], 10, 144);
        LabFile.write(l.resolve("good.lab"), List.of(new ChordSegment(0, 0.5, "C:maj"), new ChordSegment(0.5, 1.0, "N")));
        Files.writeString(l.resolve("bad.lab"), "0 1 C:maj\n1 0.5 D:min\n");
        List<Track> t = TrackLoader.load(f, l, TargetKind.LAB, Vocabulary.LARGE, 0.1, 144);
        assertEquals(1, t.size());
        assertEquals("good", t.get(0).id());
        assertEquals(1, t.get(0).hard()[0]);
        assertEquals(169, t.get(0).hard()[9]);
        assertThrows(InputException.class, () -> TrackLoader.load(f, dir.resolve("none"), TargetKind.HARD, Vocabulary.LARGE, 0.1, 144));
    }

    @Test
    void songLevelSplitIsSeededAndDisjoint() {
        List<Track> tracks = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tracks.add(new Track("s" + i, new float[2], 1, 2, new int[1], null, 3));
        }
        TrackLoader.Split a = TrackLoader.Split.of(tracks, 0.1, 1);
        TrackLoader.Split b = TrackLoader.Split.of(tracks, 0.1, 1);
        assertEquals(2, a.val().size());
        assertEquals(18, a.train().size());
        assertEquals(a.val(), b.val());
        assertTrue(a.train().stream().noneMatch(a.val()::contains));
    }

    @Test
    void aMixedInSetIsSplitAsThatSetAloneSoItsValidationSongsAreNeverTrainedOn() {
        List<Track> pseudo = new java.util.ArrayList<>();
        List<Track> labelled = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pseudo.add(new Track("p" + i, new float[2], 1, 2, new int[1], null, 3));
        }
        for (int i = 0; i < 12; i++) {
            labelled.add(new Track("song" + i, new float[2], 1, 2, new int[1], null, 3));
        }
        List<Track> mixed = new java.util.ArrayList<>(pseudo);
        labelled.forEach(t -> mixed.add(t.withId(TrackLoader.Split.MIX + t.id())));
        TrackLoader.Split both = TrackLoader.Split.of(mixed, 0.2, 42);
        TrackLoader.Split alone = TrackLoader.Split.of(labelled, 0.2, 42);   // stage 2's and the baseline's split
        java.util.function.Function<List<Track>, List<String>> labelledIds = l -> l.stream().map(Track::id)
                .filter(id -> id.startsWith(TrackLoader.Split.MIX)).map(id -> id.substring(TrackLoader.Split.MIX.length())).toList();
        assertEquals(alone.val().stream().map(Track::id).toList(), labelledIds.apply(both.val()));
        assertEquals(alone.train().stream().map(Track::id).toList(), labelledIds.apply(both.train()));
        // the main set's split is what it was without the mix
        assertEquals(TrackLoader.Split.of(pseudo, 0.2, 42).val(), both.val().subList(0, 6));
        assertEquals(6 + 2, both.val().size());
    }

    @Test
    void pitchShiftRollsBinsAndTransposesTargets() {
        int f = 144;
        float[] x = new float[2 * f];
        for (int b = 0; b < f; b++) {
            x[b] = b;
            x[f + b] = 1000 + b;
        }
        int cmaj = Vocabulary.LARGE.index("C:maj");
        Track t = new Track("t", x, 2, f, new int[] {cmaj, 169}, null, 170);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            Batch b = Batch.of(m, List.of(t), List.of(new Window(0, 0)), 2, new int[] {2}, Vocabulary.LARGE);
            float[] v = b.features().toFloatArray();
            assertEquals(Batch.SILENCE, v[0]);
            assertEquals(Batch.SILENCE, v[3]);
            assertEquals(0f, v[4]);          // bin 0 moved up 2 semitones = 4 bins
            assertEquals(139f, v[f - 1]);
            assertArrayEquals(new int[] {Vocabulary.LARGE.index("D:maj"), 169}, b.hard().toIntArray());
        }
    }
}
