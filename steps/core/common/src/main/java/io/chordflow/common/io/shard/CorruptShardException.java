package io.chordflow.common.io.shard;

import java.io.IOException;

/** A shard whose data file does not match its index (size, header or SHA-256): reported and skipped, not fatal. */
public final class CorruptShardException extends IOException {
    public CorruptShardException(String message) {
        super(message);
    }
}
