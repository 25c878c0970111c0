package io.chordflow.audio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.audio.AudioLoader;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {
    @TempDir
    Path tmp;

    static final String[] SMALL = {"--hours", "0", "--split", "teacher=0.006", "--split", "labeled=0.003",
        "--split", "unlabeled=0.006", "--split", "test=0.003", "--min-song", "8", "--max-song", "12"};

    /** The default sources where fluidsynth and the soundfonts are installed, else the additive synth alone. */
    static String[] sources() {
        boolean all = SourceCatalog.DEFAULT.stream().allMatch(n -> SourceCatalog.get(n).soundfont() == null
                || Files.isRegularFile(SourceCatalog.get(n).soundfont())) && Files.isExecutable(Path.of("/usr/bin/fluidsynth"));
        return all ? new String[0] : new String[] {"--sources", "*=additive"};
    }

    int synth(Path out, String seed, String threads) {
        String[] args = Stream.of(Stream.of("--out", out.toString(), "--seed", seed, "--threads", threads),
                Stream.of(SMALL), Stream.of(sources())).flatMap(x -> x).toArray(String[]::new);
        return Cli.execute(new SynthCommand(), args);
    }

    static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("provenance.json"))
                    .map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void sameSeedSameBytesWhateverTheThreads() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, synth(a, "5", "1"));
        assertEquals(0, synth(b, "5", "3"));
        List<Path> fa = files(a);
        assertEquals(fa, files(b));
        if (sources().length == 0) {
            // the corpus went through every kind of renderer and the MP3 stage, so the bytes above cover them
            JsonNode m = Json.MAPPER.readTree(a.resolve("manifest.json").toFile());
            java.util.Set<String> engines = new java.util.HashSet<>();
            int mp3 = 0;
            for (JsonNode t : m.get("tracks")) {
                t.get("sources").forEach(x -> engines.add(x.asText().replaceAll(".*@", "")));
                for (JsonNode st : t.get("production")) {
                    mp3 += st.get("name").asText().equals("mp3") && st.get("skipped").isNull() ? 1 : 0;
                }
            }
            assertTrue(engines.containsAll(List.of("fluidsynth", "gervill", "additive")), engines.toString());
            assertTrue(new Mp3RoundTrip("ffmpeg").unavailableBecause() != null || mp3 > 0, "mp3 used");
        }
        assertTrue(fa.size() > 10, fa.toString());
        for (Path p : fa) {
            assertArrayEquals(Files.readAllBytes(a.resolve(p)), Files.readAllBytes(b.resolve(p)), p.toString());
        }
        Path c = tmp.resolve("c");
        assertEquals(0, Cli.execute(new SynthCommand(), Stream.concat(Stream.of("--out", c.toString(), "--seed", "6", "--sources", "*=additive"),
                Stream.of(SMALL)).toArray(String[]::new)));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("manifest.json")),
                Files.readAllBytes(c.resolve("manifest.json"))), "another seed, another corpus");
        assertTrue(Files.isRegularFile(a.resolve("provenance.json")));
    }

    @Test
    void splitsLabelsAndManifestAgree() throws Exception {
        Path out = tmp.resolve("o");
        assertEquals(0, synth(out, "1", "2"));
        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertEquals(4, m.get("splits").size());
        assertFalse(m.get("splits").get("unlabeled").get("labels_for_training").asBoolean());
        assertFalse(Files.exists(out.resolve("unlabeled/labels")), "unlabelled audio comes without labels");
        assertFalse(Files.exists(out.resolve("unlabeled/keys")), "or keys");
        assertEquals("test/keys", m.get("splits").get("test").get("keys_dir").asText());
        assertTrue(Files.isDirectory(out.resolve("unlabeled-truth/labels")));
        int tracks = 0;
        for (JsonNode t : m.get("tracks")) {
            tracks++;
            Path audio = out.resolve(t.get("audio").asText());
            Path lab = out.resolve(t.get("labels").asText());
            assertEquals(Hashes.sha256(audio), t.get("sha256").asText());
            assertTrue(t.get("key").asText().matches("[A-G]#?:(major|minor)"), t.get("key").asText());
            // the key file: mir_eval's format, the manifest's key, beside the labels (apart for the unlabelled split)
            String split = t.get("split").asText();
            Path key = out.resolve((split.equals("unlabeled") ? "unlabeled-truth" : split) + "/keys/" + t.get("id").asText() + ".key");
            assertEquals(List.of(t.get("key").asText().replace(':', ' ')), Files.readAllLines(key));
            assertEquals(t.get("key").asText().replace(':', ' '), io.chordflow.chords.key.Key.parse(Files.readString(key)).toString());
            float[] y = AudioLoader.load(audio, 22050);
            double seconds = t.get("seconds").asDouble();
            assertEquals(seconds * 22050, y.length, 0.5);
            // segments are contiguous, cover the track, and are Harte labels the chords module reads
            assertEquals(Files.readAllLines(lab).size(), io.chordflow.chords.LabFile.read(lab).size());
            List<String> lines = Files.readAllLines(lab);
            double prev = 0;
            for (String line : lines) {
                String[] f = line.split(" ");
                assertEquals(prev, Double.parseDouble(f[0]), 1e-6, lab + ": " + line);
                assertTrue(Double.parseDouble(f[1]) > Double.parseDouble(f[0]), line);
                assertTrue(f[2].matches("N|[A-G]#?:(maj|min|dim|aug|min6|maj6|min7|minmaj7|maj7|7|dim7|hdim7|sus2|sus4|9|maj9|min9)"
                        + "(/(b{0,2}|#)?[1-7])?"), f[2]);
                prev = Double.parseDouble(f[1]);
            }
            assertEquals(seconds, prev, 1e-6);
            beatsAndSectionsAgree(out, t, seconds);
        }
        assertEquals(m.get("tracks").size(), tracks);
        assertEquals("unlabeled-truth/beats", m.get("splits").get("unlabeled").get("beats_dir").asText());
        assertEquals("test/structure", m.get("splits").get("test").get("structure_dir").asText());
        assertTrue(tracks >= 4);
        // per split, the quality table covers every labelled second and segment; every track records its choices
        for (String split : List.of("teacher", "labeled", "unlabeled", "test")) {
            JsonNode sp = m.get("splits").get(split);
            double secs = 0;
            for (JsonNode v : sp.get("quality_seconds")) {
                secs += v.asDouble();
            }
            assertEquals(sp.get("hours").asDouble() * 3600, secs, 0.01 * sp.get("tracks").asInt(), split);
            int segs = 0;
            for (JsonNode v : sp.get("quality_segments")) {
                segs += v.asInt();
            }
            int lines = 0;
            for (JsonNode t : m.get("tracks")) {
                if (t.get("split").asText().equals(split)) {
                    lines += Files.readAllLines(out.resolve(t.get("labels").asText())).size();
                }
            }
            assertEquals(lines, segs, split);
        }
        for (JsonNode t : m.get("tracks")) {
            assertTrue(StyleCatalog.names().contains(t.get("style").asText()), t.toString());
            assertTrue(t.get("sources").has("comp") && t.get("sources").has("bass"), t.toString());
            assertTrue(t.get("production").size() >= 1 && t.get("keys").size() >= 1 && t.has("score_seed"), t.toString());
            assertTrue(t.get("metre").asText().matches("4/4|3/4|6/8|5/4"), t.toString());
        }
    }

    /**
     * The beats and sections the composer placed, read back by the beats and segments modules' readers (the ones
     * that read real datasets): beats a beat period apart, positions counting the metre's beats from the downbeat;
     * sections tiling the song with paper 2's functions, each section of the music starting on a beat, the first
     * on a downbeat.
     */
    static void beatsAndSectionsAgree(Path out, JsonNode t, double seconds) {
        String split = t.get("split").asText();
        String dir = split.equals("unlabeled") ? "unlabeled-truth" : split;
        String id = t.get("id").asText();
        assertEquals(dir + "/beats/" + id + ".beats", t.get("beats").asText());
        assertEquals(dir + "/structure/" + id + ".lab", t.get("structure").asText());
        List<io.chordflow.beats.Beat> beats = io.chordflow.beats.BeatFile.read(out.resolve(t.get("beats").asText()));
        int perBar = switch (t.get("metre").asText()) {
            case "4/4" -> 4;
            case "3/4" -> 3;
            case "6/8" -> 2; // dotted quarters
            default -> 5;
        };
        double period = 60 / t.get("bpm").asDouble();
        java.util.Set<Double> downbeats = new java.util.HashSet<>();
        for (int i = 0; i < beats.size(); i++) {
            io.chordflow.beats.Beat b = beats.get(i);
            assertTrue(b.time() > 0 && b.time() < seconds, b.toString());
            if (i > 0) {
                assertEquals(period, b.time() - beats.get(i - 1).time(), 1.5 / 22050, id + " beat " + i);
                assertEquals(beats.get(i - 1).position() % perBar + 1, b.position(), id + " beat " + i);
            }
            if (b.isDownbeat()) {
                downbeats.add(b.time());
            }
        }
        assertEquals(1, beats.get(0).position(), "a song starts on a downbeat");
        assertEquals(0, beats.size() % perBar, "whole bars");
        List<io.chordflow.segments.Segment> sections = io.chordflow.segments.SegmentAnnotations.read(
                out.resolve(t.get("structure").asText()));
        assertEquals(0, sections.get(0).start());
        assertEquals("silence", sections.get(0).label());
        assertEquals(seconds, sections.get(sections.size() - 1).end(), 1e-6);
        java.util.Set<String> functions = new java.util.HashSet<>();
        for (io.chordflow.segments.decode.SectionFunction f : io.chordflow.segments.decode.SectionFunction.values()) {
            functions.add(f.label());
        }
        for (int i = 0; i < sections.size(); i++) {
            io.chordflow.segments.Segment sg = sections.get(i);
            assertTrue(functions.contains(sg.label()), sg.toString());
            if (i > 0) {
                assertEquals(sections.get(i - 1).end(), sg.start(), 1e-6);
            }
            if (List.of("verse", "chorus", "bridge", "inst").contains(sg.label())) {
                // a loop need not fill whole bars (a half-bar chord in 4/4), so the next one may start mid-bar
                double start = sg.start();
                assertTrue(beats.stream().anyMatch(b -> Math.abs(b.time() - start) < 1e-5), id + ": section on a beat " + sg);
            }
            if (i > 0 && sections.get(i - 1).label().matches("silence|intro") && !sg.label().matches("silence|intro")) {
                double start = sg.start();
                assertTrue(downbeats.stream().anyMatch(d -> Math.abs(d - start) < 1e-5), id + ": the music starts on a downbeat");
            }
        }
    }

    @Test
    void anotherSplitNameAddsASplit() throws Exception {
        Path out = tmp.resolve("v");
        assertEquals(0, Cli.execute(new SynthCommand(), "--out", out.toString(), "--hours", "0", "--split", "valid=0.003",
                "--min-song", "8", "--max-song", "12", "--threads", "2"));
        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertTrue(m.get("splits").get("valid").get("tracks").asInt() >= 1);
        assertTrue(m.get("splits").get("valid").get("labels_for_training").asBoolean());
        try (Stream<Path> s = Files.list(out.resolve("valid/keys"))) {
            assertEquals(m.get("splits").get("valid").get("tracks").asInt(), s.count());
        }
        assertTrue(Files.isDirectory(out.resolve("valid/labels")));
        assertTrue(Files.isDirectory(out.resolve("valid/audio")));
    }

    @Test
    void badSplitsAreInputErrors() throws Exception {
        assertEquals(2, Cli.execute(new SynthCommand(), "--out", tmp.toString(), "--split", "../up=1"));
        assertEquals(2, Cli.execute(new SynthCommand(), "--out", tmp.toString(), "--split", "Valid=1"));
        assertEquals(2, Cli.execute(new SynthCommand(), "--out", tmp.toString(), "--hours", "-1"));
        Path cfg = Files.writeString(tmp.resolve("s.json"), "{\"teacher\": \"lots\"}");
        assertEquals(2, Cli.execute(new SynthCommand(), "--out", tmp.toString(), "--split-config", cfg.toString()));
    }
}
