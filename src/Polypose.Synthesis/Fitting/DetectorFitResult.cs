using Polypose.Synthesis.Detection;

namespace Polypose.Synthesis.Fitting;

/// <summary>The outcome of <see cref="DetectorModelFit.Fit"/>: the fitted model and the statistics of its last simulation.</summary>
/// <param name="Model">The fitted detector model.</param>
/// <param name="Real">The target statistics.</param>
/// <param name="Synthetic">Statistics of the calibration scene simulated with <paramref name="Model"/>.</param>
/// <param name="Iterations">Simulate-and-correct rounds run.</param>
public sealed record DetectorFitResult(DetectorNoiseModel Model, DetectorStatistics Real, DetectorStatistics Synthetic, int Iterations);
