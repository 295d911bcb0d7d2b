using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

public class CalibrationReaderTests
{
    [Fact]
    public void Read_FolderWithOneCalibrationAndOtherFiles_ReadsTheCalibration()
    {
        var rig = RandomRigs.Create(21, 3, false);
        var dir = RepoPaths.NewTempDir();
        CalibrationWriter.Write(rig, Path.Combine(dir, "cameras.dat"), CalibrationFormat.Toml);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a calibration\n");
        File.WriteAllText(Path.Combine(dir, "detections.json"), """{"people": []}""");

        var back = CalibrationReader.Read(dir);

        Assert.Equal(CalibrationFormat.Toml, CalibrationReader.DetectFormat(dir));
        Assert.Equal(rig.Names, back.Names);
    }

    [Fact]
    public void Read_FolderWithTwoCalibrations_AsksToNameOne()
    {
        var rig = RandomRigs.Create(22, 2, false);
        var dir = RepoPaths.NewTempDir();
        CalibrationWriter.Write(rig, Path.Combine(dir, "a.json"), CalibrationFormat.Polypose);
        CalibrationWriter.Write(rig, Path.Combine(dir, "b.toml"), CalibrationFormat.Toml);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Contains("a.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("b.toml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExtensionLies_FormatComesFromContent()
    {
        var rig = RandomRigs.Create(23, 2, true);
        var path = Path.Combine(RepoPaths.NewTempDir(), "calib.toml");
        CalibrationWriter.Write(rig, path, CalibrationFormat.Polypose);

        Assert.Equal(CalibrationFormat.Polypose, CalibrationReader.DetectFormat(path));
        Assert.Equal(rig[1], CalibrationReader.Read(path)[1]);
    }

    [Fact]
    public void Read_MissingPath_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => CalibrationReader.Read(Path.Combine(RepoPaths.NewTempDir(), "none.json")));
    }

    [Fact]
    public void Read_VoxelPoseLayout_TIsTheCameraCentre()
    {
        // VoxelPose nests T, k and p as column vectors; T is the camera centre in mm.
        var path = Path.Combine(RepoPaths.NewTempDir(), "calibration_campus.json");
        File.WriteAllText(path, """
            {"0": {"R": [[1, 0, 0], [0, 0, -1], [0, 1, 0]], "T": [[100.0], [-4000.0], [1500.0]],
                   "fx": 400.0, "fy": 410.0, "cx": 180.0, "cy": 144.0,
                   "k": [[-0.2], [0.05], [0.001]], "p": [[0.0005], [-0.0002]]}}
            """);

        var rig = CalibrationReader.Read(path, new CalibrationReadOptions { DefaultImageSize = ImageSize.Campus });

        var cam = rig["0"];
        Assert.Equal(new Vec3(100, -4000, 1500), cam.Center);
        Assert.Equal((360, 288), (cam.Width, cam.Height));
        Assert.Equal(0.001, cam.Distortion.K3);
        Assert.Equal(0.0005, cam.Distortion.P1);
        Assert.Equal(-0.2, cam.Distortion.K1);

        // This camera looks along world +y from y = −4 m: a point 4 m ahead at the camera's height is the principal point.
        var p = cam.Project(new Vec3(100, 0, 1500));
        Assert.True(p.InFront);
        Assert.True((p.Pixel - new Vec2(180, 144)).Length < 1e-9);
    }
}
