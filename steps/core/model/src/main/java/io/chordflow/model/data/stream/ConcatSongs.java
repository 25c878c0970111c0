package io.chordflow.model.data.stream;

import io.chordflow.model.data.Track;
import java.io.IOException;

/** Two stores as one: {@code a}'s songs first. Both must agree on classes, soft-ness and feature size. */
final class ConcatSongs implements SongStore {
    private final SongStore a;
    private final SongStore b;

    ConcatSongs(SongStore a, SongStore b) {
        if (a.classes() != b.classes() || a.soft() != b.soft() || a.featureSize() != b.featureSize()) {
            throw new IllegalArgumentException("songs of different shapes: " + a.classes() + "/" + b.classes() + " classes");
        }
        this.a = a;
        this.b = b;
    }

    private boolean first(int song) {
        return song < a.size();
    }

    @Override
    public int size() {
        return a.size() + b.size();
    }

    @Override
    public String id(int song) {
        return first(song) ? a.id(song) : b.id(song - a.size());
    }

    @Override
    public int frames(int song) {
        return first(song) ? a.frames(song) : b.frames(song - a.size());
    }

    @Override
    public boolean pseudo(int song) {
        return first(song) ? a.pseudo(song) : b.pseudo(song - a.size());
    }

    @Override
    public int group(int song) {
        return first(song) ? a.group(song) : a.groups() + b.group(song - a.size());
    }

    @Override
    public int groups() {
        return a.groups() + b.groups();
    }

    @Override
    public int classes() {
        return a.classes();
    }

    @Override
    public boolean soft() {
        return a.soft();
    }

    @Override
    public int featureSize() {
        return a.featureSize();
    }

    @Override
    public Track window(int song, int start, int length) throws IOException {
        return first(song) ? a.window(song, start, length) : b.window(song - a.size(), start, length);
    }

    @Override
    public double[] featureSums(int song) throws IOException {
        return first(song) ? a.featureSums(song) : b.featureSums(song - a.size());
    }

    @Override
    public void close() throws IOException {
        try {
            a.close();
        } finally {
            b.close();
        }
    }
}
