using Polypose.Core.Anatomy;

namespace Polypose.Reconstruction.Tests;

public sealed class ReconstructionOptionsTests
{
    public static TheoryData<string, Func<object>> Invalid => new()
    {
        { nameof(ReconstructionOptions.Association), () => new ReconstructionOptions { Association = null! } },
        { nameof(ReconstructionOptions.Anatomy), () => new ReconstructionOptions { Anatomy = null! } },
        { nameof(ReconstructionOptions.TriangulationThreshold), () => new ReconstructionOptions { TriangulationThreshold = -0.2 } },
        { nameof(ReconstructionOptions.DropoutErrorPx), () => new ReconstructionOptions { DropoutErrorPx = 0 } },
        { nameof(ReconstructionOptions.DropoutErrorPx), () => new ReconstructionOptions { DropoutErrorPx = double.NaN } },
        { nameof(ReconstructionOptions.MaxDropouts), () => new ReconstructionOptions { MaxDropouts = -1 } },
        { nameof(ReconstructionOptions.CompletionMaxRayDistance), () => new ReconstructionOptions { CompletionMaxRayDistance = -100 } },
        { nameof(ReconstructionOptions.MinValidJoints), () => new ReconstructionOptions { MinValidJoints = 0 } },
        { nameof(BonePriorOptions.Sigma), () => new BonePriorOptions { Sigma = 0 } },
        { nameof(BonePriorOptions.Sigma), () => new BonePriorOptions { Sigma = double.PositiveInfinity } },
        { nameof(BonePriorOptions.MeasurementNoise), () => new BonePriorOptions { MeasurementNoise = -1 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Init_OutOfRangeValue_ThrowsNamingTheSetting(string setting, Func<object> create)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(setting, e.ParamName);
    }

    [Fact]
    public void Init_InfiniteDropoutError_DisablesDropoutAndIsAccepted()
    {
        var o = new ReconstructionOptions { DropoutErrorPx = double.PositiveInfinity, MaxDropouts = 0 };
        Assert.True(double.IsPositiveInfinity(o.DropoutErrorPx));
    }

    [Fact]
    public void Defaults_ShareOneBonePriorOfSigma3Point5And40Millimetres()
    {
        // Before the merge the association gate used k = 3.5 with 40 mm noise and the rectifier BoneSigma 3.5 with
        // BoneMeasurementNoise 40: the one shared setting keeps both values.
        var o = new ReconstructionOptions();
        Assert.Equal(3.5, o.Anatomy.Sigma);
        Assert.Equal(40, o.Anatomy.MeasurementNoise);
    }
}
