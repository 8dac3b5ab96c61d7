package io.kgsim.scenario;

/** Production into one topic: records per second over the whole topic, spread and record size. */
public record ProduceSpec(double ratePerSecond, Skew skew, int recordBytes) {
    public static final ProduceSpec NONE = new ProduceSpec(0, new Skew.Uniform(), 1024);
}
