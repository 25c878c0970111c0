package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final List<Long> sleeps = new ArrayList<>();
    private final Retry retry = new Retry(4, Duration.ofMillis(100), Duration.ofMillis(300), sleeps::add);

    @Test
    void transientErrorsAreRetriedWithExponentialBackoff() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String r = retry.run("op", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new StorageException("503", true, null);
            }
            return "ok";
        });
        assertEquals("ok", r);
        assertEquals(List.of(100L, 200L, 300L), sleeps); // doubled, capped at max
    }

    @Test
    void permanentErrorsFailAtOnceAndTransientOnesGiveUp() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(StorageException.class, () -> retry.run("op", () -> {
            calls.incrementAndGet();
            throw new StorageException("NoSuchKey", false, null);
        }));
        assertEquals(1, calls.get());
        calls.set(0);
        assertThrows(StorageException.class, () -> retry.run("op", () -> {
            calls.incrementAndGet();
            throw new StorageException("503", true, null);
        }));
        assertEquals(4, calls.get());
    }
}
