package io.chordflow.common;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Determinism: every random choice in chordflow comes from a seed in config. A step derives
 * independent streams for its purposes ("shuffle", "dropout", a track id...) from its one seed,
 * so adding a new use of randomness does not shift the others.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for {@code purpose} under {@code seed}: stable across runs, JVMs and platforms. */
    public static long derive(long seed, String purpose) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff));
        }
        return mix(h);
    }

    public static SplittableRandom random(long seed, String purpose) {
        return new SplittableRandom(derive(seed, purpose));
    }

    // SplitMix64 finaliser
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
