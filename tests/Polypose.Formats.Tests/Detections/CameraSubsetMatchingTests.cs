using Polypose.Core.Skeletons;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Detections;

/// <summary>A calibration with more cameras than the detections: the cameras with detections are used; ambiguity says what did not match what.</summary>
public sealed class CameraSubsetMatchingTests
{
    private static readonly string[] Cmu0 = ["00_03", "00_06", "00_12", "00_13", "00_23"];

    private static string SamplePath => SharedData.Path("panoptic-sample", "calibration_160906_band1.json");

    [SharedDataFact]
    public void Panoptic520Cameras_FiveDetectionFolders_KeepsThoseFiveInCalibrationOrder()
    {
        var rig = CalibrationReader.Read(SamplePath);
        var root = RepoPaths.NewTempDir();
        foreach (var name in Cmu0.Reverse())
        {
            WriteFrame(root, name, name);
        }

        var source = DetectionSource.Open(root, [.. rig.Select(c => (c.Name, c.Width, c.Height))], new DetectionSourceOptions { RequireEveryCamera = false });

        Assert.Equal(520, rig.Count); // 31 HD, VGA and 10 Kinect entries
        Assert.Equal(31, rig.Names.Count(n => n.StartsWith("00_", StringComparison.Ordinal)));
        Assert.Equal(Cmu0, source.CameraNames);
        Assert.Equal(Cmu0.Select(n => Path.Combine(root, n)), source.ViewPaths);
    }

    [SharedDataFact]
    public void PanopticCameras_FolderNamedByNumberOnly_IsAmbiguousAndNamesTheCandidates()
    {
        var rig = CalibrationReader.Read(SamplePath);
        var root = RepoPaths.NewTempDir();
        WriteFrame(root, "cam01", "cam01");
        WriteFrame(root, "00_03", "00_03");

        var ex = Assert.Throws<PolyposeFormatException>(() =>
            DetectionSource.Open(root, [.. rig.Select(c => (c.Name, c.Width, c.Height))], new DetectionSourceOptions { RequireEveryCamera = false }));

        Assert.Equal(root, ex.FilePath);
        Assert.Contains("camera folder 'cam01' matches no calibration camera exactly, and by number only it could be any of", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("01_01", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("and ", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("rename it to the calibration camera's name", ex.Problem, StringComparison.Ordinal);
        Assert.True(ex.Problem.Length < 400, ex.Problem);
    }

    [Fact]
    public void TwoFoldersForOneCamera_NamesBothFoldersAndTheCamera()
    {
        var root = RepoPaths.NewTempDir();
        WriteFrame(root, "cam1_json", "cam1");
        WriteFrame(root, "cam1_old", "cam1");

        var ex = Assert.Throws<PolyposeFormatException>(() =>
            DetectionSource.Open(root, [("cam1", 100, 100), ("cam2", 100, 100)], new DetectionSourceOptions { RequireEveryCamera = false }));

        Assert.Contains("camera folders 'cam1_json' and 'cam1_old' both match calibration camera 'cam1'", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderMatchingNoCamera_IsACountMismatchNamingBothSides()
    {
        var root = RepoPaths.NewTempDir();
        WriteFrame(root, "a", "a");
        WriteFrame(root, "zebra", "zebra");

        var ex = Assert.Throws<PolyposeFormatException>(() =>
            DetectionSource.Open(root, [("a", 100, 100), ("b", 100, 100)], new DetectionSourceOptions { RequireEveryCamera = false }));

        Assert.Contains("camera folders 'zebra' match no calibration camera", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("calibration camera(s) without detections: camera 'b'", ex.Problem, StringComparison.Ordinal);
    }

    private static void WriteFrame(string root, string folder, string stem) =>
        OpenPoseJson.Write(Path.Combine(root, folder, $"{stem}_000000000168_keypoints.json"), [OpenPoseJsonTests.MakePerson(KnownSkeletons.Body25, 1)]);
}
