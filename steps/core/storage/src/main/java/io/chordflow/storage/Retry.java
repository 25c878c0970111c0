package io.chordflow.storage;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exponential backoff for transient storage errors: attempt, wait {@code base}, {@code 2*base},
 * {@code 4*base}... (capped at {@code max}), up to {@code attempts} tries. Errors that are not
 * transient (missing key, access denied, bad input) fail at once.
 */
public record Retry(int attempts, Duration base, Duration max, Sleeper sleeper) {
    private static final Logger log = LoggerFactory.getLogger(Retry.class);

    public static final Retry DEFAULT = new Retry(5, Duration.ofMillis(250), Duration.ofSeconds(8), Thread::sleep);

    /** How to wait; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    @FunctionalInterface
    public interface Call<T> {
        T call() throws IOException;
    }

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
    }

    public <T> T run(String what, Call<T> call) throws IOException {
        long wait = base.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (StorageException e) {
                if (!e.isTransient() || attempt >= attempts) {
                    throw e;
                }
                log.warn("{}: transient error (attempt {}/{}), retrying in {} ms: {}", what, attempt, attempts,
                        wait, e.getMessage());
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StorageException(what + ": interrupted while waiting to retry", false, ie);
            }
            wait = Math.min(max.toMillis(), wait * 2);
        }
    }
}
