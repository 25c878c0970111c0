package io.chordflow.model.data;

import java.util.ArrayList;
import java.util.List;

/** A training window: {@code length} frames of track {@code track} from {@code start}; frames past the song end are padding. */
public record Window(int track, int start) {

    /**
     * Windows of {@code length} frames every {@code stride} frames over each track. A tail that
     * the regular windows miss gets one last window ending at the song end; a song shorter than
     * a window gets one padded window.
     */
    public static List<Window> over(List<Track> tracks, int length, int stride) {
        List<Window> out = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            int frames = tracks.get(i).frames();
            if (frames <= length) {
                out.add(new Window(i, 0));
                continue;
            }
            int start = 0;
            for (; start + length <= frames; start += stride) {
                out.add(new Window(i, start));
            }
            int last = out.get(out.size() - 1).start();
            if (last + length < frames) {
                out.add(new Window(i, frames - length));
            }
        }
        return out;
    }
}
