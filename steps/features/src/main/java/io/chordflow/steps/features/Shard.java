package io.chordflow.steps.features;

import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;

/**
 * Shard {@code index} of {@code count} (0-based). A file belongs to the shard given by a hash of its relative
 * path, so membership does not depend on the order of listing or on which other files exist.
 */
record Shard(int index, int count) {
    static final Shard ALL = new Shard(0, 1);

    Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new InputException("--shard " + index + "/" + count + ": expected I/N with 0 <= I < N");
        }
    }

    static Shard parse(String s) {
        if (s == null) {
            return ALL;
        }
        String[] p = s.split("/");
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException("--shard " + s + ": expected I/N, e.g. 0/4");
    }

    boolean contains(String relPath) {
        if (count == 1) {
            return true;
        }
        String h = Hashes.sha256(relPath);
        long v = Long.parseUnsignedLong(h.substring(0, 15), 16);
        return v % count == index;
    }

    /** Suffix for per-shard metadata files: "" unsharded, "-0003-of-0008" otherwise. */
    String suffix() {
        return count == 1 ? "" : String.format("-%04d-of-%04d", index, count);
    }
}
