using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Rigs;

namespace Polypose.Synthesis.Tests;

/// <summary>Synthesis settings are checked when set: an out-of-range value throws naming the setting.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, Func<object>> Invalid => new()
    {
        { "People", () => new SceneOptions { People = 13 } },
        { "Frames", () => new SceneOptions { Frames = 0 } },
        { "Fps", () => new SceneOptions { Fps = double.NaN } },
        { "RoomWidth", () => new SceneOptions { RoomWidth = 1999 } },
        { "RoomDepth", () => new SceneOptions { RoomDepth = 50001 } },
        { "MinSeparation", () => new SceneOptions { MinSeparation = 299 } },
        { "MinHorizontalFovDegrees", () => new RigOptions { MinHorizontalFovDegrees = 9 } },
        { "MaxHorizontalFovDegrees", () => new RigOptions { MaxHorizontalFovDegrees = 151 } },
        { "Resolution.Height", () => new RigOptions { Resolution = (640, 0) } },
        { "Resolutions.Count", () => new RigOptions { Resolutions = [] } },
        { "Resolutions[1].Width", () => new RigOptions { Resolutions = [(640, 480), (-1, 480)] } },
        { "OutlierProbability", () => DetectorNoiseModel.Default with { OutlierProbability = 1.5 } },
        { "ScoreNoise", () => DetectorNoiseModel.Default with { ScoreNoise = -0.1 } },
        { "ScoreMin", () => DetectorNoiseModel.Default with { ScoreMin = 0 } },
        { "MinJoints", () => DetectorNoiseModel.Default with { MinJoints = 26 } },
        { "JitterSigma.Count", () => DetectorNoiseModel.Default with { JitterSigma = [0.01] } },
        { "MissProbability[3]", () => DetectorNoiseModel.Default with { MissProbability = [.. Enumerable.Repeat(0.1, 3), 2.0, .. Enumerable.Repeat(0.1, 21)] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Init_OutOfRange_ThrowsNamingTheSetting(string setting, Func<object> make)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void Init_EmptyNamePrefix_ThrowsNamingIt() =>
        Assert.Equal("NamePrefix", Assert.Throws<ArgumentException>(() => new RigOptions { NamePrefix = "" }).ParamName);

    [Fact]
    public void Init_NullNoise_ThrowsNamingIt() =>
        Assert.Equal("Noise", Assert.Throws<ArgumentNullException>(() => new SceneOptions { Noise = null! }).ParamName);

    [Fact]
    public void Build_ReversedFovRange_ThrowsNamingBothBounds()
    {
        var options = new RigOptions { MinHorizontalFovDegrees = 80, MaxHorizontalFovDegrees = 60 };
        var ex = Assert.Throws<ArgumentException>(() => RigBuilder.Build(new RigSpec(RigKind.Ring, 3), 6000, 6000, Sampling.Pcg32.ForStream(1, 1), options));
        Assert.Contains("MinHorizontalFovDegrees (80)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxHorizontalFovDegrees (60)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulator_ReversedScoreRange_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DetectorSimulator(DetectorNoiseModel.Default with { ScoreMin = 0.9, ScoreMax = 0.5 }));
        Assert.Contains("ScoreMin=0.9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ScoreMax=0.5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_InRangeValues_AreKept()
    {
        var options = new SceneOptions { People = 12, Frames = 1, Fps = 1000, RoomWidth = 2000, RoomDepth = 50000, MinSeparation = 3000 };
        Assert.Equal((12, 1, 1000.0, 2000.0, 50000.0, 3000.0), (options.People, options.Frames, options.Fps, options.RoomWidth, options.RoomDepth, options.MinSeparation));
    }
}
