using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

public class CalibrationRoundTripTests
{
    public static TheoryData<int, bool> Rigs => new() { { 11, false }, { 12, true }, { 13, false }, { 14, true } };

    [Theory]
    [MemberData(nameof(Rigs))]
    public void Canonical_WriteThenRead_IsExact(int seed, bool rational)
    {
        var rig = RandomRigs.Create(seed, 6, rational, skew: true);
        var path = Path.Combine(RepoPaths.NewTempDir(), "rig.json");

        CalibrationWriter.Write(rig, path, CalibrationFormat.Polypose);
        var back = CalibrationReader.Read(path);

        Assert.Equal(CalibrationFormat.Polypose, CalibrationReader.DetectFormat(path));
        Assert.Equal(rig.Names, back.Names);
        for (var i = 0; i < rig.Count; i++)
        {
            Assert.Equal(rig[i], back[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Rigs))]
    public void EasyMocap_WriteThenRead_KeepsEveryParameter(int seed, bool rational)
    {
        var rig = RandomRigs.Create(seed, 5, rational, skew: true);
        var dir = RepoPaths.NewTempDir();

        CalibrationWriter.Write(rig, dir, CalibrationFormat.EasyMocap);
        var back = CalibrationReader.Read(dir);

        Assert.True(File.Exists(Path.Combine(dir, "intri.yml")));
        Assert.StartsWith("%YAML:1.0", File.ReadAllText(Path.Combine(dir, "extri.yml")), StringComparison.Ordinal);
        AssertSameRig(rig, back, rotationTolerance: 0, translationTolerance: 1e-9);
    }

    [Theory]
    [MemberData(nameof(Rigs))]
    public void Toml_WriteThenRead_KeepsEveryParameter(int seed, bool rational)
    {
        var rig = RandomRigs.Create(seed, 5, rational, skew: true);
        var path = Path.Combine(RepoPaths.NewTempDir(), "Calib.toml");

        CalibrationWriter.Write(rig, path, CalibrationFormat.Toml);
        var back = CalibrationReader.Read(path);

        Assert.Equal(CalibrationFormat.Toml, CalibrationReader.DetectFormat(path));
        AssertSameRig(rig, back, rotationTolerance: 1e-12, translationTolerance: 1e-9);
    }

    [Theory]
    [MemberData(nameof(Rigs))]
    public void FourDAssociation_WriteThenRead_KeepsEveryParameter(int seed, bool rational)
    {
        var rig = RandomRigs.Create(seed, 5, rational, skew: true);
        var path = Path.Combine(RepoPaths.NewTempDir(), "calibration.json");

        CalibrationWriter.Write(rig, path, CalibrationFormat.FourDAssociation);
        var back = CalibrationReader.Read(path);

        Assert.Equal(CalibrationFormat.FourDAssociation, CalibrationReader.DetectFormat(path));
        AssertSameRig(rig, back, rotationTolerance: 0, translationTolerance: 1e-9);
    }

    [Theory]
    [MemberData(nameof(Rigs))]
    public void VoxelPose_WriteThenReadWithDefaultSize_KeepsCameraModel(int seed, bool rational)
    {
        var rig = RandomRigs.Create(seed, 4, rational, skew: false);
        var size = new ImageSize(rig[0].Width, rig[0].Height);
        var same = new CameraRig(rig.Select(c => c with { Width = size.Width, Height = size.Height }));
        var path = Path.Combine(RepoPaths.NewTempDir(), "calibration_shelf.json");

        CalibrationWriter.Write(same, path, CalibrationFormat.VoxelPose);
        var back = CalibrationReader.Read(path, new CalibrationReadOptions { DefaultImageSize = size });

        Assert.Equal(CalibrationFormat.VoxelPose, CalibrationReader.DetectFormat(path));
        AssertSameRig(same, back, rotationTolerance: 0, translationTolerance: 1e-8);
    }

    [Theory]
    [InlineData(CalibrationFormat.Toml)]
    [InlineData(CalibrationFormat.Polypose)]
    [InlineData(CalibrationFormat.FourDAssociation)]
    public void Write_NamesNeedingQuotes_RoundTrip(CalibrationFormat format)
    {
        var src = RandomRigs.Create(31, 3, false);
        string[] names = ["left cam", "cam \"B\"", "c.3"];
        var rig = new CameraRig(src.Select((c, i) => c with { Name = names[i] }));
        var path = Path.Combine(RepoPaths.NewTempDir(), "names.calib");

        CalibrationWriter.Write(rig, path, format);
        var back = CalibrationReader.Read(path);

        Assert.Equal(names, back.Names);
    }

    [Fact]
    public void Write_PanopticFormat_IsNotSupported()
    {
        var rig = RandomRigs.Create(1, 2, false);
        Assert.Throws<NotSupportedException>(() => CalibrationWriter.Write(rig, Path.Combine(RepoPaths.NewTempDir(), "x.json"), CalibrationFormat.Panoptic));
    }

    private static void AssertSameRig(CameraRig expected, CameraRig actual, double rotationTolerance, double translationTolerance)
    {
        Assert.Equal(expected.Names, actual.Names);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.Equal(e.Width, a.Width);
            Assert.Equal(e.Height, a.Height);
            Assert.Equal(e.Intrinsics, a.Intrinsics);
            Assert.Equal(e.Distortion, a.Distortion);
            var re = e.Rotation.ToRowMajor();
            var ra = a.Rotation.ToRowMajor();
            for (var j = 0; j < 9; j++)
            {
                Assert.True(Math.Abs(re[j] - ra[j]) <= rotationTolerance, $"{e.Name} R[{j}]: {re[j]} vs {ra[j]}");
            }

            Assert.True(Vec3.Distance(e.Translation, a.Translation) <= translationTolerance * Math.Max(1, e.Translation.Length), $"{e.Name} t: {e.Translation} vs {a.Translation}");
            Assert.True(RandomRigs.MaxProjectionDifference(e, a) < 1e-6);
        }
    }
}
