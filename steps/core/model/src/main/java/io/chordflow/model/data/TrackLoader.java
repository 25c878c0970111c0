package io.chordflow.model.data;

import io.chordflow.chords.LabFile;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads songs for training: every {@code ID.npy} under the features folder (float32 or float16,
 * {@code [frames, bins]}) paired with its target {@code ID.lab} / {@code ID.npy} under the
 * targets folder (for pseudo-labels the teacher-inference layout {@code hard/} or {@code soft/}
 * below it is found too; for keys {@code keys/}). A song whose files are missing, corrupt or
 * mismatched is reported and skipped; no usable song at all is an input error.
 *
 * <p>A2 copies: a feature file {@code REL.aug<k>.npy} (written by the features step with
 * {@code --augment-audio}) is an augmented rendition of {@code REL}; audio augmentation does not
 * move anything in time, so it takes {@code REL}'s targets ({@code REL.lab}, {@code REL.key},
 * {@code REL.npy}) unless targets of its own ({@code REL.aug<k>.*}) exist.
 */
public final class TrackLoader {
    private static final Logger log = LoggerFactory.getLogger(TrackLoader.class);

    private TrackLoader() {
    }

    /** {@code ID -> file} for every {@code *.npy} below {@code dir}, ID = relative path without extension, sorted. */
    public static Map<String, Path> featureFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": features folder not found");
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".npy")).forEach(p -> {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                out.put(rel.substring(0, rel.length() - 4), p);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code REL.aug<k>} -> {@code REL}; any other ID unchanged. */
    public static String cleanId(String id) {
        java.util.regex.Matcher m = AUG.matcher(id);
        return m.matches() ? m.group(1) : id;
    }

    private static final java.util.regex.Pattern AUG = java.util.regex.Pattern.compile("(.+)\\.aug\\d+");

    /** {@code dir/ID.ext}, else (for an A2 copy) {@code dir/CLEAN_ID.ext}; the first when neither exists. */
    static Path target(Path dir, String id, String ext) {
        Path own = dir.resolve(id + ext);
        if (Files.isRegularFile(own)) {
            return own;
        }
        Path clean = dir.resolve(cleanId(id) + ext);
        return Files.isRegularFile(clean) ? clean : own;
    }

    public static List<Track> load(Path features, Path targets, TargetKind kind, Vocabulary vocabulary,
                                   double frameSeconds, int featureSize) {
        Path targetDir = targets;
        String sub = kind == TargetKind.KEY ? "keys" : kind.name().toLowerCase();
        if (kind != TargetKind.LAB && Files.isDirectory(targets.resolve(sub))) {
            targetDir = targets.resolve(sub);
        }
        boolean keyModel = vocabulary instanceof io.chordflow.model.KeyClasses;
        if (kind == TargetKind.KEY && !keyModel) {
            throw new InputException("--target-kind key needs a key model (task: key, vocabulary key25), not " + vocabulary.name());
        }
        if (kind == TargetKind.LAB && keyModel) {
            throw new InputException("a key model (vocabulary key25) trains on --target-kind key (.key files), not .lab");
        }
        List<Track> out = new ArrayList<>();
        int skipped = 0;
        for (Map.Entry<String, Path> e : featureFiles(features).entrySet()) {
            String id = e.getKey();
            try {
                Npy.Array x = Npy.read(e.getValue());
                if (x.shape().length != 2 || x.cols() != featureSize) {
                    throw new InputException(e.getValue() + ": expected [frames, " + featureSize + "] features, got shape "
                            + java.util.Arrays.toString(x.shape()));
                }
                int frames = x.rows();
                Track t = switch (kind) {
                    case LAB -> {
                        Path lab = target(targetDir, id, ".lab");
                        if (!Files.isRegularFile(lab)) {
                            throw new InputException(lab + ": no reference labels for " + e.getValue());
                        }
                        int[] y = FrameLabels.of(LabFile.read(lab), frames, frameSeconds, vocabulary);
                        yield new Track(id, x.data(), frames, featureSize, y, null, vocabulary.size());
                    }
                    case KEY -> {
                        Path keyFile = target(targetDir, id, ".key");
                        if (!Files.isRegularFile(keyFile)) {
                            throw new InputException(keyFile + ": no reference key for " + e.getValue());
                        }
                        int[] y = new int[frames];
                        java.util.Arrays.fill(y, vocabulary.index(readKey(keyFile).toString()));
                        yield new Track(id, x.data(), frames, featureSize, y, null, vocabulary.size());
                    }
                    case HARD -> {
                        Path file = target(targetDir, id, ".npy");
                        Npy.Array y = Npy.read(file);
                        checkFrames(y, frames, file);
                        int[] labels = y.asInts();
                        for (int v : labels) {
                            if (v < 0 || v >= vocabulary.size()) {
                                throw new InputException(file + ": label " + v + " outside 0.." + (vocabulary.size() - 1));
                            }
                        }
                        yield new Track(id, x.data(), frames, featureSize, labels, null, vocabulary.size(), true);
                    }
                    case SOFT -> {
                        Path file = target(targetDir, id, ".npy");
                        Npy.Array q = Npy.read(file);
                        checkFrames(q, frames, file);
                        if (q.cols() != vocabulary.size()) {
                            throw new InputException(file + ": " + q.cols() + " classes, expected " + vocabulary.size());
                        }
                        yield new Track(id, x.data(), frames, featureSize, null, q.data(), vocabulary.size(), true);
                    }
                };
                out.add(t);
            } catch (InputException | IOException | UncheckedIOException | IllegalArgumentException ex) {
                skipped++;
                log.warn("skipping {}: {}", id, ex.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InputException(features + ": no usable songs (" + skipped + " skipped) with targets in " + targets);
        }
        if (skipped > 0) {
            log.warn("{} of {} songs skipped", skipped, skipped + out.size());
        }
        return out;
    }

    /**
     * A key file as {@code mir_eval.io.load_key} reads it: the first non-empty line, one key string
     * ({@code "C# major"}, {@code "X"}); an invalid key is an input error naming the file.
     */
    public static io.chordflow.chords.key.Key readKey(Path file) throws IOException {
        String line = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElseThrow(() -> new InputException(file + ": empty key file"));
        try {
            return io.chordflow.chords.key.Key.parse(line);
        } catch (InputException ex) {
            throw new InputException(file + ": " + ex.getMessage(), ex);
        }
    }

    private static void checkFrames(Npy.Array y, int frames, Path file) {
        if (y.rows() != frames) {
            throw new InputException(file + ": " + y.rows() + " frames, the features have " + frames);
        }
    }

    /**
     * Song-level split: a seeded shuffle of the songs, the first {@code valFraction} (at least one when > 0) for validation.
     * A mixed-in second set (ids prefixed {@link #MIX}) is split apart, as that set alone would be: stage 1's mix keeps
     * for validation the labelled songs that stage 2 and the baseline validate on, so none of them is trained on first.
     */
    public record Split(List<Track> train, List<Track> val) {
        /** Id prefix of the songs of a mixed-in second set (paper 2's mix of labelled songs into pseudo-labelled ones). */
        public static final String MIX = "mix/";

        public static Split of(List<Track> tracks, double valFraction, long seed) {
            List<List<Track>> p = bySet(tracks, Track::id, valFraction, seed);
            return new Split(List.copyOf(p.get(0)), List.copyOf(p.get(1)));
        }

        /**
         * Training then validation items: the main set and the {@link #MIX} set each sorted by id, shuffled with the seed
         * and cut at {@link #valCount}, the main set's first.
         */
        public static <T> List<List<T>> bySet(List<T> items, java.util.function.Function<T, String> id, double valFraction,
                                              long seed) {
            List<T> train = new ArrayList<>();
            List<T> val = new ArrayList<>();
            for (boolean mixed : new boolean[] {false, true}) {
                List<T> set = items.stream().filter(t -> id.apply(t).startsWith(MIX) == mixed)
                        .sorted(java.util.Comparator.comparing(id)).toList();
                if (set.isEmpty()) {
                    continue;
                }
                List<T> shuffled = shuffled(set, seed);
                int nVal = valCount(set.size(), valFraction);
                val.addAll(shuffled.subList(0, nVal));
                train.addAll(shuffled.subList(nVal, set.size()));
            }
            return List.of(train, val);
        }

        /** A copy of {@code sorted} in the seeded order {@code split} (Fisher-Yates from the end): songs sorted by id. */
        public static <T> List<T> shuffled(List<T> sorted, long seed) {
            List<T> out = new ArrayList<>(sorted);
            java.util.SplittableRandom r = io.chordflow.common.Seeds.random(seed, "split");
            for (int i = out.size() - 1; i > 0; i--) {
                java.util.Collections.swap(out, i, r.nextInt(i + 1));
            }
            return out;
        }

        /** Validation songs of {@code n}: {@code round(valFraction * n)}, at least 1 when the fraction is > 0, at most n - 1. */
        public static int valCount(int n, double valFraction) {
            int nVal = valFraction <= 0 ? 0 : Math.max(1, (int) Math.round(valFraction * n));
            return nVal >= n ? n - 1 : nVal;
        }
    }
}
