using Polypose.Core.Options;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Settings of the sparse multi-marginal Sinkhorn projection (DisPOSE 3.4). Defaults are the reference values: dustbin
/// prior α = 0.6607 (frozen, favours a dustbin slightly per missing view), dustbin target slack 0.001 (targets sum to
/// 1.0001 per view), 4 iterations for the final projection and the training target, 2 inside the sampler and the
/// training corruption.
/// </summary>
public sealed record SinkhornOptions
{
    /// <summary>Reference iteration count for the final projection and the clean training target.</summary>
    public const int ReferenceFinalIterations = 4;

    /// <summary>Reference iteration count inside the DDIM sampler and the training corruption (max(1, 4 / 2)).</summary>
    public const int ReferenceInnerIterations = 2;

    private readonly double _dustbinPrior = 0.6607;
    private readonly double _dustbinSlack = 0.001;

    /// <summary>α, added to an edge's logit once per dustbin entry; the fallback all-dustbin edge gets α·V.</summary>
    public double DustbinPrior
    {
        get => _dustbinPrior;
        init => _dustbinPrior = OptionCheck.Finite(value, nameof(DustbinPrior));
    }

    /// <summary>ε in the dustbin target ((N − n_v) + ε) / N; > 0 keeps the dustbin feasible when every slot is used.</summary>
    public double DustbinSlack
    {
        get => _dustbinSlack;
        init => _dustbinSlack = OptionCheck.Positive(value, nameof(DustbinSlack));
    }
}
