namespace Polypose.Core.Anatomy;

/// <summary>Population statistics of one bone's length in millimetres: mean and standard deviation.</summary>
public readonly record struct BoneStatistics(double Mean, double StandardDeviation)
{
    /// <summary>Whether a length (mm) lies within mean ± k·sd.</summary>
    public bool Accepts(double length, double k) => Math.Abs(length - Mean) <= k * StandardDeviation;

    /// <summary>The largest plausible length, mean + k·sd (mm).</summary>
    public double Upper(double k) => Mean + (k * StandardDeviation);
}
