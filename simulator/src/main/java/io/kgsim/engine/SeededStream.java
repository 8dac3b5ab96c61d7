package io.kgsim.engine;

import java.util.random.RandomGeneratorFactory;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One named random stream: the JDK's {@code L64X128MixRandom} (an LXM generator, JEP 356, the
 * JDK's recommended default algorithm), seen through commons-math3's {@link RandomGenerator}
 * so commons-math3's distributions draw from it.
 *
 * <p>Why not a commons-math3 generator: a long run keeps thousands of streams (one per member
 * and link) and draws from each only now and then, so a draw's cost is the cache lines it
 * touches. {@code Well512a} spreads its state over six arrays, seven cold lines per draw; this
 * one keeps four longs in one object. Its normals are the JDK's ziggurat ({@code nextGaussian},
 * McFarland 2016): one 64-bit draw and a table lookup almost every time, where the polar method
 * takes about five draws, a logarithm and a square root per pair. Both are algorithms the JDK's
 * documentation names (JEP 356), not implementation details.
 */
final class SeededStream implements RandomGenerator {
    private static final RandomGeneratorFactory<java.util.random.RandomGenerator> LXM = RandomGeneratorFactory.of("L64X128MixRandom");

    private final java.util.random.RandomGenerator bits;

    SeededStream(long seed) {
        this.bits = LXM.create(seed);
    }

    @Override
    public int nextInt() {
        return bits.nextInt();
    }

    @Override
    public int nextInt(int n) {
        return bits.nextInt(n);
    }

    @Override
    public long nextLong() {
        return bits.nextLong();
    }

    @Override
    public boolean nextBoolean() {
        return bits.nextBoolean();
    }

    @Override
    public float nextFloat() {
        return bits.nextFloat();
    }

    @Override
    public double nextDouble() {
        return bits.nextDouble();
    }

    @Override
    public double nextGaussian() {
        return bits.nextGaussian();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        bits.nextBytes(bytes);
    }

    /** A stream is derived from the scenario's seed and its name once; re-seeding it would break that. */
    @Override
    public void setSeed(int seed) {
        throw new UnsupportedOperationException("a named stream is never re-seeded");
    }

    @Override
    public void setSeed(int[] seed) {
        throw new UnsupportedOperationException("a named stream is never re-seeded");
    }

    @Override
    public void setSeed(long seed) {
        throw new UnsupportedOperationException("a named stream is never re-seeded");
    }
}
