package io.chordflow.model.data.stream;

import io.chordflow.model.data.Track;
import java.util.Arrays;
import java.util.List;

/** Tracks already in memory as a store (each song its own group): the small labelled side of a streamed mix, and tests. */
public final class MemorySongs implements SongStore {
    private final List<Track> tracks;

    public MemorySongs(List<Track> tracks) {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("no tracks");
        }
        this.tracks = List.copyOf(tracks);
    }

    @Override
    public int size() {
        return tracks.size();
    }

    @Override
    public String id(int song) {
        return tracks.get(song).id();
    }

    @Override
    public int frames(int song) {
        return tracks.get(song).frames();
    }

    @Override
    public boolean pseudo(int song) {
        return tracks.get(song).pseudo();
    }

    @Override
    public int group(int song) {
        return song;
    }

    @Override
    public int groups() {
        return tracks.size();
    }

    @Override
    public int classes() {
        return tracks.get(0).classes();
    }

    @Override
    public boolean soft() {
        return tracks.get(0).soft() != null;
    }

    @Override
    public int featureSize() {
        return tracks.get(0).featureSize();
    }

    @Override
    public Track window(int song, int start, int length) {
        Track t = tracks.get(song);
        int n = Math.max(0, Math.min(length, t.frames() - start));
        int f = t.featureSize();
        float[] x = Arrays.copyOfRange(t.features(), start * f, (start + n) * f);
        int[] y = t.hard() == null ? null : Arrays.copyOfRange(t.hard(), start, start + n);
        float[] q = t.soft() == null ? null : Arrays.copyOfRange(t.soft(), start * t.classes(), (start + n) * t.classes());
        return new Track(t.id(), x, n, f, y, q, t.classes(), t.pseudo());
    }

    @Override
    public double[] featureSums(int song) {
        double sum = 0;
        double sq = 0;
        for (float v : tracks.get(song).features()) {
            sum += v;
            sq += (double) v * v;
        }
        return new double[] {sum, sq, tracks.get(song).features().length};
    }
}
