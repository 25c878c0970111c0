package io.chordflow.common.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void lineShowsRateAndEta() {
        AtomicLong now = new AtomicLong(0);
        Progress p = new Progress("features", 100, "files", Duration.ofSeconds(10), now::get).withExtra("h audio");
        now.set(10_000_000_000L);
        p.advance(25, 0.5);
        assertEquals("features: 25/100 files (25%), 0.50 h audio, 2.50 files/s, ETA 0:00:30", p.line());
    }

    @Test
    void formatsHours() {
        assertEquals("1:01:01", Progress.format(3661));
    }
}
