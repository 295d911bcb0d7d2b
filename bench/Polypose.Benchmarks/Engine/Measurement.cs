namespace Polypose.Benchmarks.Engine;

/// <summary>Median wall time of one workload in milliseconds, over <paramref name="Runs"/> timed runs.</summary>
internal sealed record Measurement(double MedianMs, int Runs);
