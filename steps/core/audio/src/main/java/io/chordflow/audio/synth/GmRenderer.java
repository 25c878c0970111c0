package io.chordflow.audio.synth;

import io.chordflow.common.InputException;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.Instrument;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Patch;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * Renders a {@link Score} through the JDK's software synthesizer (Gervill) with a General MIDI soundfont,
 * e.g. Debian's fluid-soundfont-gm. Offline, pull-based rendering ({@code AudioSynthesizer.openStream}) is
 * deterministic, but that interface sits in the JDK's non-exported {@code com.sun.media.sound} package, so
 * the JVM needs {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}; {@link #check} says so
 * when it is missing. The real-time path would need a sound card and is not repeatable. About 50-150x real
 * time per core, so it is opt-in ({@code synth --gm-share}).
 */
final class GmRenderer {
    static final Path DEFAULT_SOUNDFONT = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    static final String EXPORT_FLAG = "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED";
    private static final Map<Timbre, Integer> PROGRAM = new EnumMap<>(Map.of(
            Timbre.PIANO, 0, Timbre.EPIANO, 4, Timbre.ORGAN, 16, Timbre.PLUCK, 25, Timbre.BASS, 33,
            Timbre.SYNTH_BASS, 38, Timbre.PAD, 48, Timbre.REED, 71, Timbre.FLUTE, 73));
    private static final Map<Drum, Integer> DRUM_KEY = new EnumMap<>(Map.of(Drum.KICK, 36, Drum.SNARE, 38, Drum.HAT, 42));
    private static final int DRUM_CHANNEL = 9;

    private final Soundbank bank;
    private final Method openStream;

    private GmRenderer(Soundbank bank, Method openStream) {
        this.bank = bank;
        this.openStream = openStream;
    }

    /** Loads the soundfont, or says exactly why GM rendering is unavailable. */
    static GmRenderer check(Path soundfont) {
        if (!Files.isRegularFile(soundfont)) {
            throw new InputException("--soundfont " + soundfont + ": no such file (Debian: apt-get install fluid-soundfont-gm)");
        }
        Method open;
        try {
            Class<?> as = Class.forName("com.sun.media.sound.AudioSynthesizer");
            open = as.getMethod("openStream", AudioFormat.class, Map.class);
            Synthesizer probe = MidiSystem.getSynthesizer();
            if (!as.isInstance(probe)) {
                throw new InputException("--gm-share: this JDK's synthesizer cannot render offline");
            }
            open.invoke(probe, new AudioFormat(22050f, 16, 1, true, false), null);
            probe.close();
        } catch (IllegalAccessException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException("--gm-share: the JVM must run with " + EXPORT_FLAG
                    + " (e.g. JAVA_TOOL_OPTIONS) to render offline through the JDK synthesizer", e);
        } catch (ReflectiveOperationException | MidiUnavailableException e) {
            throw new InputException("--gm-share: the JDK synthesizer is unavailable: " + e, e);
        }
        try {
            return new GmRenderer(MidiSystem.getSoundbank(new File(soundfont.toString())), open);
        } catch (InvalidMidiDataException | IOException e) {
            throw new InputException(soundfont + ": not a readable soundfont: " + e.getMessage(), e);
        }
    }

    float[] render(Score s) throws IOException {
        int sr = s.sampleRate();
        AudioFormat fmt = new AudioFormat(sr, 16, 1, true, false);
        Synthesizer syn;
        AudioInputStream stream;
        try {
            syn = MidiSystem.getSynthesizer();
            stream = (AudioInputStream) openStream.invoke(syn, fmt, null);
        } catch (ReflectiveOperationException | MidiUnavailableException e) {
            throw new IOException("GM synthesizer: " + e, e);
        }
        try {
            syn.unloadAllInstruments(syn.getDefaultSoundbank());
            Receiver r = syn.getReceiver();
            Map<Timbre, Integer> channel = new EnumMap<>(Timbre.class);
            for (Score.Note n : s.notes()) {
                channel.computeIfAbsent(n.timbre(), t -> channel.size() >= DRUM_CHANNEL ? channel.size() + 1 : channel.size());
            }
            for (Map.Entry<Timbre, Integer> e : channel.entrySet()) {
                int program = PROGRAM.get(e.getKey());
                load(syn, new Patch(0, program));
                r.send(new ShortMessage(ShortMessage.PROGRAM_CHANGE, e.getValue(), program, 0), 0);
            }
            load(syn, new Patch(128, 0)); // standard drum kit
            List<long[]> events = new ArrayList<>(); // {time us, order, status, channel, data1, data2}
            for (Score.Note n : s.notes()) {
                int ch = channel.get(n.timbre());
                int vel = Math.max(1, Math.min(127, Math.round(60 + 120 * n.gain())));
                events.add(new long[] {micros(n.start(), sr), 1, ShortMessage.NOTE_ON, ch, n.midi(), vel});
                events.add(new long[] {micros(n.start() + n.length(), sr), 0, ShortMessage.NOTE_OFF, ch, n.midi(), 0});
            }
            for (Score.Hit h : s.hits()) {
                int vel = Math.max(1, Math.min(127, Math.round(40 + 110 * h.gain())));
                int key = DRUM_KEY.get(h.drum());
                events.add(new long[] {micros(h.start(), sr), 1, ShortMessage.NOTE_ON, DRUM_CHANNEL, key, vel});
                events.add(new long[] {micros(h.start(), sr) + 100_000, 0, ShortMessage.NOTE_OFF, DRUM_CHANNEL, key, 0});
            }
            // offs before ons at the same instant, then a fixed order: the synthesizer sees one sequence
            events.sort((a, b) -> {
                for (int i = 0; i < a.length; i++) {
                    int c = Long.compare(a[i], b[i]);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            });
            for (long[] e : events) {
                r.send(new ShortMessage((int) e[2], (int) e[3], (int) e[4], (int) e[5]), e[0]);
            }
            byte[] pcm = new byte[s.lengthSamples() * 2];
            int got = 0;
            while (got < pcm.length) {
                int k = stream.read(pcm, got, pcm.length - got);
                if (k < 0) {
                    break;
                }
                got += k;
            }
            float[] y = new float[s.lengthSamples()];
            for (int i = 0; i < y.length; i++) {
                y[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768f;
            }
            return Renderer.addNoiseAndLevel(y, s);
        } catch (InvalidMidiDataException | MidiUnavailableException e) {
            throw new IOException("GM rendering: " + e, e);
        } finally {
            stream.close();
            syn.close();
        }
    }

    private void load(Synthesizer syn, Patch patch) {
        Instrument ins = bank.getInstrument(patch);
        if (ins != null) {
            syn.loadInstrument(ins);
        }
    }

    private static long micros(int sample, int sr) {
        return Math.round(sample * 1e6 / sr);
    }
}
