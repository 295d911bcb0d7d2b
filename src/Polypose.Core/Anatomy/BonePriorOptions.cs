using Polypose.Core.Options;

namespace Polypose.Core.Anatomy;

/// <summary>
/// The one bone-length prior setting shared by every stage that judges anatomy: the cross-view association gate and
/// the reconstruction's rectifier (and joint completion) read the same object, so they can never disagree. A bone of
/// length L (mm) is plausible when |L − mean| ≤ <see cref="Sigma"/>·sd, where sd is the population sd of
/// <see cref="BoneLengthTable"/> widened in quadrature by <see cref="MeasurementNoise"/>. Validated on init.
/// </summary>
public sealed record BonePriorOptions
{
    /// <summary>Default bone-length measurement noise (mm) of triangulated detector keypoints.</summary>
    public const double DefaultMeasurementNoise = 40;

    private readonly double _sigma = 3.5;
    private readonly double _measurementNoise = DefaultMeasurementNoise;

    /// <summary>The default prior (k = 3.5, noise 40 mm).</summary>
    public static BonePriorOptions Default { get; } = new();

    /// <summary>The k of the plausible interval mean ± k·sd (COMPOSE <c>sigma_threshold</c>: 3.5). Must be finite and &gt; 0.</summary>
    public double Sigma
    {
        get => _sigma;
        init => _sigma = OptionCheck.Positive(value, nameof(Sigma));
    }

    /// <summary>
    /// Measurement noise (mm) added in quadrature to each bone's population sd: triangulated keypoints carry their own
    /// error and a bone length inherits it from both ends. Must be finite and ≥ 0.
    /// </summary>
    public double MeasurementNoise
    {
        get => _measurementNoise;
        init => _measurementNoise = OptionCheck.NonNegative(value, nameof(MeasurementNoise));
    }
}
