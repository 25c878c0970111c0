package io.chordflow.storage;

import java.io.IOException;

/**
 * A storage operation that failed for good (after retries for transient errors). The message
 * names the URI and the server's error code; it never carries credentials (see {@link S3Settings}).
 */
public class StorageException extends IOException {
    private final boolean transientError;

    public StorageException(String message, boolean transientError, Throwable cause) {
        super(message, cause);
        this.transientError = transientError;
    }

    /** True when retrying later could succeed (connection refused, 5xx, throttling). */
    public boolean isTransient() {
        return transientError;
    }
}
