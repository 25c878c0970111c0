package io.chordflow.audio.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sound.midi.ShortMessage;

/**
 * One stem (the notes of one part, or drum hits) as a sorted list of MIDI channel events, shared by both
 * soundfont renderers so they hear the same performance. Pitched notes play on channel 1 with the note's GM
 * program; drums on channel 10 (bank 128), or, for a drum-kit soundfont whose kit sits at bank 0 program 0,
 * on channel 1. Velocity follows the note's gain. Offs sort before ons at the same instant.
 */
final class MidiEvents {
    static final int DRUM_CHANNEL = 9;

    /** A channel message at {@code micros} from the start. */
    record Event(long micros, int order, int status, int channel, int data1, int data2) {
    }

    /** Programs to select before the first note: channel -> program. */
    record Setup(int channel, int bank, int program) {
    }

    final List<Event> events = new ArrayList<>();
    final List<Setup> setups = new ArrayList<>();

    /** {@code drumKit}: the GM kit program for channel 10 (a soundfont without it falls back to kit 0). */
    MidiEvents(List<Score.Note> notes, List<Score.Hit> hits, int sr, boolean kitAtBankZero, int drumKit) {
        if (!notes.isEmpty()) {
            int program = notes.get(0).program();
            setups.add(new Setup(0, 0, program));
            for (Score.Note n : notes) {
                int ch = 0;
                if (n.program() != program) {
                    throw new IllegalArgumentException("one program per stem, got " + program + " and " + n.program());
                }
                int vel = Math.max(1, Math.min(127, Math.round(50 + 150 * n.gain())));
                events.add(new Event(micros(n.start(), sr), 1, ShortMessage.NOTE_ON, ch, n.midi(), vel));
                events.add(new Event(micros(n.start() + n.length(), sr), 0, ShortMessage.NOTE_OFF, ch, n.midi(), 0));
            }
        }
        if (!hits.isEmpty()) {
            int ch = kitAtBankZero ? 0 : DRUM_CHANNEL;
            setups.add(new Setup(ch, kitAtBankZero ? 0 : 128, kitAtBankZero ? 0 : drumKit));
            for (Score.Hit h : hits) {
                int vel = Math.max(1, Math.min(127, Math.round(30 + 120 * h.gain())));
                int key = h.drum().gmKey;
                events.add(new Event(micros(h.start(), sr), 1, ShortMessage.NOTE_ON, ch, key, vel));
                events.add(new Event(micros(h.start(), sr) + 150_000, 0, ShortMessage.NOTE_OFF, ch, key, 0));
            }
        }
        events.sort(Comparator.comparingLong(Event::micros).thenComparingInt(Event::order).thenComparingInt(Event::status)
                .thenComparingInt(Event::channel).thenComparingInt(Event::data1).thenComparingInt(Event::data2));
    }

    static long micros(int sample, int sr) {
        return Math.round(sample * 1e6 / sr);
    }
}
