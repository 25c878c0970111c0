/**
 * The chord domain, following mir_eval's {@code chord} module (Harte 2010 syntax).
 *
 * <p>Conventions, as in mir_eval: pitch classes count from C = 0; a chord is encoded as
 * {@code (root, 12-bit bitmap of semitones relative to the root, bass semitone relative to the
 * root)}; {@code N} (no chord) is {@code (-1, 0, -1)} and {@code X} (unknown) is
 * {@code (-1, all -1, -1)}. Parsing ({@link io.chordflow.chords.HarteLabel}) feeds encoding
 * ({@link io.chordflow.chords.Chord}), which feeds the comparisons and scores in
 * {@link io.chordflow.chords.eval}. File formats ({@code .lab}, JAMS) are the only I/O here.
 */
package io.chordflow.chords;
