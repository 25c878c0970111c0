package io.chordflow.audio.synth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code .lab} text: "start end label" per line, seconds with 6 decimals, Harte labels. A stand-in until the
 * chords module's LabFile lands (then: LabFile.write).
 */
final class LabWriter {
    private LabWriter() {
    }

    static byte[] bytes(List<Score.Segment> segments) {
        StringBuilder sb = new StringBuilder();
        for (Score.Segment s : segments) {
            sb.append(String.format(Locale.ROOT, "%.6f %.6f %s%n", s.start(), s.end(), s.label()));
        }
        return sb.toString().replace(System.lineSeparator(), "\n").getBytes(StandardCharsets.UTF_8);
    }
}
