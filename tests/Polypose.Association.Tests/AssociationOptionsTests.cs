using Polypose.Association.Candidates;

namespace Polypose.Association.Tests;

public sealed class AssociationOptionsTests
{
    public static TheoryData<string, Func<AssociationOptions>> Invalid => new()
    {
        { nameof(AssociationOptions.JointScoreThreshold), () => new AssociationOptions { JointScoreThreshold = -0.1 } },
        { nameof(AssociationOptions.JointScoreThreshold), () => new AssociationOptions { JointScoreThreshold = double.NaN } },
        { nameof(AssociationOptions.MinCommonJoints), () => new AssociationOptions { MinCommonJoints = 0 } },
        { nameof(AssociationOptions.PairwiseMetric), () => new AssociationOptions { PairwiseMetric = (PairwiseMetric)7 } },
        { nameof(AssociationOptions.PairwiseMaxReprojectionSq), () => new AssociationOptions { PairwiseMaxReprojectionSq = 0 } },
        { nameof(AssociationOptions.PairwiseMaxRayDistance), () => new AssociationOptions { PairwiseMaxRayDistance = double.PositiveInfinity } },
        { nameof(AssociationOptions.HyperedgeMaxReprojectionSq), () => new AssociationOptions { HyperedgeMaxReprojectionSq = -5 } },
        { nameof(AssociationOptions.CueLambda), () => new AssociationOptions { CueLambda = -0.01 } },
        { nameof(AssociationOptions.CueNormaliser), () => new AssociationOptions { CueNormaliser = (CueNormaliser)9 } },
        { nameof(AssociationOptions.SingletonCue), () => new AssociationOptions { SingletonCue = 1.5 } },
        { nameof(AssociationOptions.SingletonScore), () => new AssociationOptions { SingletonScore = double.NaN } },
        { nameof(AssociationOptions.EdgePenalty), () => new AssociationOptions { EdgePenalty = double.NegativeInfinity } },
        { nameof(AssociationOptions.MissingViewPenalty), () => new AssociationOptions { MissingViewPenalty = -1 } },
        { nameof(AssociationOptions.MinDetectionScore), () => new AssociationOptions { MinDetectionScore = -0.5 } },
        { nameof(AssociationOptions.MinDetectionJoints), () => new AssociationOptions { MinDetectionJoints = 0 } },
        { nameof(AssociationOptions.MaxImplausibleBoneFraction), () => new AssociationOptions { MaxImplausibleBoneFraction = double.NaN } },
        { nameof(AssociationOptions.MaxHyperedges), () => new AssociationOptions { MaxHyperedges = 0 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Init_OutOfRangeValue_ThrowsNamingTheSetting(string setting, Func<AssociationOptions> create)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(setting, e.ParamName);
    }

    [Fact]
    public void With_OutOfRangeValue_ThrowsToo()
    {
        var valid = new AssociationOptions { EdgePenalty = 3 };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => valid with { MinCommonJoints = -1 });
        Assert.Equal(nameof(AssociationOptions.MinCommonJoints), e.ParamName);
    }

    [Fact]
    public void Init_BoundaryValues_AreAccepted()
    {
        var o = new AssociationOptions
        {
            JointScoreThreshold = 0,
            CueLambda = 0,
            MissingViewPenalty = 0,
            SingletonCue = 1,
            SingletonScore = -2,
            MaxImplausibleBoneFraction = 1,
            MinCommonJoints = 1,
            MaxHyperedges = 1,
        };
        Assert.Equal(0, o.JointScoreThreshold);
        Assert.Equal(1, o.SingletonCue);
        Assert.Equal(-2, o.SingletonScore);
    }
}
