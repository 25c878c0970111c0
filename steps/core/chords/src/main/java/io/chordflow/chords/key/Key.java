package io.chordflow.chords.key;

import io.chordflow.common.InputException;
import java.util.Locale;
import java.util.Map;

/**
 * A musical key as mir_eval writes it, {@code "C# major"}, {@code "eb minor"} (case ignored) or
 * {@code "X"} when it cannot be categorised. {@code tonic} is semitones above C (-1 for X);
 * {@code mode} is major, minor, other, or none for X.
 */
public record Key(int tonic, Mode mode) {
    public enum Mode { MAJOR, MINOR, OTHER, NONE }

    public static final Key UNKNOWN = new Key(-1, Mode.NONE);

    private static final Map<String, Integer> TONICS = Map.ofEntries(
            Map.entry("c", 0), Map.entry("c#", 1), Map.entry("db", 1), Map.entry("d", 2), Map.entry("d#", 3),
            Map.entry("eb", 3), Map.entry("e", 4), Map.entry("f", 5), Map.entry("f#", 6), Map.entry("gb", 6),
            Map.entry("g", 7), Map.entry("g#", 8), Map.entry("ab", 8), Map.entry("a", 9), Map.entry("a#", 10),
            Map.entry("bb", 10), Map.entry("b", 11));
    private static final String[] NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    /** {@code mir_eval.key.validate_key} + {@code split_key_string}; invalid strings throw naming them. */
    public static Key parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length == 1 && parts[0].equalsIgnoreCase("x")) {
            return UNKNOWN;
        }
        if (parts.length != 2) {
            throw new InputException("key '" + text + "' is not in the form '(key) (mode)' or 'X'");
        }
        Integer tonic = TONICS.get(parts[0].toLowerCase(Locale.ROOT));
        if (tonic == null) {
            throw new InputException("key '" + text + "': tonic '" + parts[0] + "' is invalid; should be e.g. D or C# or Eb");
        }
        Mode mode = switch (parts[1]) {
            case "major" -> Mode.MAJOR;
            case "minor" -> Mode.MINOR;
            case "other" -> Mode.OTHER;
            default -> throw new InputException("key '" + text + "': mode '" + parts[1] + "' must be major, minor or other");
        };
        return new Key(tonic, mode);
    }

    @Override
    public String toString() {
        return tonic < 0 ? "X" : NAMES[tonic] + " " + mode.name().toLowerCase(Locale.ROOT);
    }
}
