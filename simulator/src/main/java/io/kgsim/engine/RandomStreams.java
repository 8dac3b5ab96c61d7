package io.kgsim.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Named random streams derived from one root seed: one stream per purpose and entity (say
 * {@code "network/billing/c3"}), so adding a consumer never shifts the draws another consumer sees.
 * The map is only looked up by name, never iterated, so its order cannot leak into a run.
 */
public final class RandomStreams {
    private final long rootSeed;
    private final Map<String, RandomGenerator> streams = new HashMap<>();

    public RandomStreams(long rootSeed) {
        this.rootSeed = rootSeed;
    }

    public long rootSeed() {
        return rootSeed;
    }

    public RandomGenerator stream(String name) {
        return streams.computeIfAbsent(name, n -> new SeededStream(derive(rootSeed, n)));
    }

    /** A 64-bit sub-seed: FNV-1a of the name's UTF-8 bytes mixed with the root by SplitMix64. */
    public static long derive(long rootSeed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(rootSeed ^ mix(h));
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
